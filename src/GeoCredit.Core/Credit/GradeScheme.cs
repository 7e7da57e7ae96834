using System.Diagnostics.CodeAnalysis;

namespace GeoCredit.Core.Credit;

/// <summary>
/// An ordered list of credit levels, best first: <c>A,B,C</c>, <c>green,blue,yellow,red</c>, a key-supervision
/// list with the single level <c>listed</c>. Rules name a scheme and levels; "worse than" is the order here.
/// Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Levels are matched case-insensitively (platforms send <c>Red</c>, <c>RED</c> and <c>red</c>) and always
/// returned in the scheme's own spelling, so a stored grade compares ordinally with the scheme's levels.
/// </remarks>
public sealed class GradeScheme
{
    public const int MaxLevels = 10;

    public const int MaxLevelLength = 32;

    public const int MaxIdLength = 32;

    public const int MaxNameLength = 100;

    private readonly string[] _levels;

    private GradeScheme(string id, string name, string[] levels, bool isBuiltIn)
    {
        Id = id;
        Name = name;
        _levels = levels;
        IsBuiltIn = isBuiltIn;
    }

    /// <summary>Yachts on the Huangpu and vessels checked at Lianyungang terminals.</summary>
    public static GradeScheme Abc { get; } = Predefined("abc", "A/B/C (yachts, vessels at terminals)", "A", "B", "C");

    /// <summary>Anqing vessels, shipping companies and crew.</summary>
    public static GradeScheme Anqing { get; } =
        Predefined("anqing", "Anqing green/blue/yellow/red (vessels, companies, crew)",
            "green", "blue", "yellow", "red");

    /// <summary>Dongying hazardous-goods drivers and vehicles.</summary>
    public static GradeScheme Hazmat { get; } =
        Predefined("hazmat", "Hazardous goods green/yellow/red (drivers, vehicles)", "green", "yellow", "red");

    /// <summary>Monthly company risk (Dongying carriers).</summary>
    public static GradeScheme Risk { get; } =
        Predefined("risk", "Company risk low/medium/high", "low", "medium", "high");

    public static GradeScheme Aaa { get; } = Predefined("aaa", "AAA/AA/A/B/C", "AAA", "AA", "A", "B", "C");

    /// <summary>Monthly terminal ratings (Lianyungang); note that blue ranks above green here.</summary>
    public static GradeScheme Terminal { get; } =
        Predefined("terminal", "Terminal rating blue/green/yellow/red", "blue", "green", "yellow", "red");

    /// <summary>
    /// The key-supervision list as a one-level scheme: a subject with a current grade <c>listed</c> is on the
    /// list; a subject with no current grade in this scheme is not.
    /// </summary>
    public static GradeScheme Supervision { get; } = Predefined("supervision", "Key-supervision list", "listed");

    /// <summary>The schemes every registry starts with; their ids never change.</summary>
    public static IReadOnlyList<GradeScheme> BuiltIn { get; } = [Abc, Anqing, Hazmat, Risk, Aaa, Terminal, Supervision];

    /// <summary>
    /// A stable id: lower-case letters, digits and hyphens, starting with a letter (e.g. <c>yacht-abc</c>).
    /// </summary>
    public string Id { get; }

    public string Name { get; }

    /// <summary>The levels, best first.</summary>
    public IReadOnlyList<string> Levels => _levels;

    public bool IsBuiltIn { get; }

    public string Best => _levels[0];

    public string Worst => _levels[^1];

    /// <summary>The position of a level, 0 for the best; -1 when the scheme has no such level.</summary>
    public int IndexOf(ReadOnlySpan<char> level)
    {
        for (var i = 0; i < _levels.Length; i++)
        {
            if (level.Equals(_levels[i], StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    public bool Contains(ReadOnlySpan<char> level) => IndexOf(level) >= 0;

    /// <summary>Reads a level, ignoring case and surrounding white space.</summary>
    /// <param name="text">What a platform or a person wrote.</param>
    /// <param name="level">The level in the scheme's own spelling.</param>
    public bool TryParseLevel(ReadOnlySpan<char> text, [NotNullWhen(true)] out string? level)
    {
        var index = IndexOf(text.Trim());
        level = index >= 0 ? _levels[index] : null;
        return level is not null;
    }

    public string ParseLevel(string text) =>
        TryParseLevel(text, out var level)
            ? level
            : throw new FormatException($"'{text}' is not a level of scheme '{Id}' ({string.Join(',', _levels)}).");

    /// <summary>
    /// Orders two levels: positive when <paramref name="level"/> is worse than <paramref name="other"/>.
    /// </summary>
    public int Compare(string level, string other) => RankOf(level).CompareTo(RankOf(other));

    public bool IsWorse(string level, string than) => Compare(level, than) > 0;

    /// <summary>
    /// Whether a level is the threshold or worse: "yellow or worse" is <c>IsAtOrWorse(level, "yellow")</c>.
    /// </summary>
    public bool IsAtOrWorse(string level, string threshold) => Compare(level, threshold) >= 0;

    /// <summary>Checks a scheme an administrator defines; an empty list means it is valid.</summary>
    public static IReadOnlyList<SchemeIssue> Validate(string? id, string? name, IReadOnlyList<string?>? levels)
    {
        var issues = new List<SchemeIssue>();

        if (!IsValidId(id))
        {
            issues.Add(new SchemeIssue(SchemeProblem.InvalidId,
                $"The id must be 1 to {MaxIdLength} lower-case letters, digits or hyphens, starting with a letter."));
        }

        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength)
        {
            issues.Add(new SchemeIssue(SchemeProblem.InvalidName,
                $"The name must be 1 to {MaxNameLength} characters."));
        }

        if (levels is null || levels.Count == 0)
        {
            issues.Add(new SchemeIssue(SchemeProblem.NoLevels, "A scheme needs at least one level."));
            return issues;
        }

        if (levels.Count > MaxLevels)
        {
            issues.Add(new SchemeIssue(SchemeProblem.TooManyLevels,
                $"A scheme has at most {MaxLevels} levels; this one has {levels.Count}."));
        }

        // Levels are compared ignoring case, so "Red" and "red" would be the same level twice.
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < levels.Count; i++)
        {
            var level = levels[i]?.Trim();
            if (string.IsNullOrEmpty(level))
            {
                issues.Add(new SchemeIssue(SchemeProblem.EmptyLevel, $"Level {i + 1} is empty."));
            }
            else if (level.Length > MaxLevelLength)
            {
                issues.Add(new SchemeIssue(SchemeProblem.LevelTooLong,
                    $"Level {i + 1} is longer than {MaxLevelLength} characters."));
            }
            else if (!seen.Add(level))
            {
                issues.Add(new SchemeIssue(SchemeProblem.DuplicateLevel, $"Level '{level}' appears more than once."));
            }
        }

        return issues;
    }

    /// <summary>Builds a custom scheme when it is valid; levels and name are trimmed.</summary>
    public static bool TryCreate(
        string? id,
        string? name,
        IReadOnlyList<string?>? levels,
        [NotNullWhen(true)] out GradeScheme? scheme,
        out IReadOnlyList<SchemeIssue> issues)
    {
        issues = Validate(id, name, levels);
        scheme = issues.Count == 0
            ? new GradeScheme(id!, name!.Trim(), levels!.Select(level => level!.Trim()).ToArray(), isBuiltIn: false)
            : null;
        return scheme is not null;
    }

    /// <summary>Builds a custom scheme.</summary>
    /// <exception cref="ArgumentException">The scheme is not valid; the message lists every issue.</exception>
    public static GradeScheme Create(string id, string name, IReadOnlyList<string> levels) =>
        TryCreate(id, name, levels, out var scheme, out var issues)
            ? scheme
            : throw new ArgumentException(
                $"Scheme '{id}' is not valid: {string.Join(" ", issues.Select(issue => issue.Message))}",
                nameof(levels));

    public override string ToString() => $"{Id} ({string.Join(',', _levels)})";

    private int RankOf(string level)
    {
        var index = IndexOf(level);
        return index >= 0
            ? index
            : throw new ArgumentException($"'{level}' is not a level of scheme '{Id}'.", nameof(level));
    }

    private static bool IsValidId([NotNullWhen(true)] string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength || !char.IsAsciiLetterLower(id[0]))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    private static GradeScheme Predefined(string id, string name, params string[] levels) =>
        new(id, name, levels, isBuiltIn: true);
}

/// <summary>What is wrong with a scheme an administrator defines.</summary>
public enum SchemeProblem
{
    InvalidId,
    InvalidName,
    NoLevels,
    TooManyLevels,
    EmptyLevel,
    LevelTooLong,
    DuplicateLevel,
}

/// <summary>One problem with a scheme definition: a stable code and a sentence for the administrator.</summary>
public sealed record SchemeIssue(SchemeProblem Problem, string Message)
{
    public string Code => Problem switch
    {
        SchemeProblem.InvalidId => "invalid_id",
        SchemeProblem.InvalidName => "invalid_name",
        SchemeProblem.NoLevels => "no_levels",
        SchemeProblem.TooManyLevels => "too_many_levels",
        SchemeProblem.EmptyLevel => "empty_level",
        SchemeProblem.LevelTooLong => "level_too_long",
        SchemeProblem.DuplicateLevel => "duplicate_level",
        _ => throw new InvalidOperationException($"Unknown scheme problem {Problem}."),
    };
}
