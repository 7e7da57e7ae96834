namespace GeoCredit.Core.Credit;

/// <summary>One grade that counts for a subject: its own, or one that reaches it through a link.</summary>
/// <param name="Grade">The grade, with the subject that holds it.</param>
/// <param name="Scheme">The grade's scheme, to order it against others.</param>
/// <param name="Via">The link it came through; null for the subject's own grade.</param>
public readonly record struct EffectiveGrade(Grade Grade, GradeScheme Scheme, LinkKind? Via)
{
    /// <summary>
    /// Who holds the grade: the subject itself, or its driver, company, club, operator or crew member.
    /// </summary>
    public SubjectRef Holder => Grade.Subject;

    public string Level => Grade.Level;

    /// <summary>The level's position in its scheme, 0 for the best.</summary>
    public int Rank => Scheme.IndexOf(Grade.Level);
}

/// <summary>
/// Every grade that counts for one subject at one time: its own grades and those of the subjects linked to it
/// (its driver, company, club or operator; for a vessel, its crew). One call answers "is this truck or its
/// current driver red?". Immutable and thread-safe.
/// </summary>
public sealed class EffectiveGrades
{
    private readonly EffectiveGrade[] _grades;

    internal EffectiveGrades(EffectiveGrade[] grades) => _grades = grades;

    public static EffectiveGrades None { get; } = new([]);

    public IReadOnlyList<EffectiveGrade> All => _grades;

    public int Count => _grades.Length;

    /// <summary>The worst grade in a scheme among the subject and its links; the subject's own wins a tie.</summary>
    public EffectiveGrade? Worst(string schemeId)
    {
        EffectiveGrade? worst = null;
        foreach (var grade in _grades)
        {
            if (IsIn(grade, schemeId) && (worst is not { } current || grade.Rank > current.Rank))
            {
                worst = grade;
            }
        }

        return worst;
    }

    /// <summary>The first grade in a scheme at one of the levels (the subject's own first), or null.</summary>
    public EffectiveGrade? FirstMatching(string schemeId, params ReadOnlySpan<string> levels)
    {
        foreach (var grade in _grades)
        {
            if (!IsIn(grade, schemeId))
            {
                continue;
            }

            foreach (var level in levels)
            {
                if (string.Equals(grade.Level, level, StringComparison.OrdinalIgnoreCase))
                {
                    return grade;
                }
            }
        }

        return null;
    }

    /// <summary>Whether the subject or anything linked to it holds one of the levels of a scheme.</summary>
    public bool Any(string schemeId, params ReadOnlySpan<string> levels) => FirstMatching(schemeId, levels) is not null;

    /// <summary>Whether the worst grade in a scheme is the threshold or worse: "yellow or worse".</summary>
    public bool IsAtOrWorse(string schemeId, string threshold) =>
        Worst(schemeId) is { } worst && worst.Scheme.IsAtOrWorse(worst.Level, threshold);

    private static bool IsIn(EffectiveGrade grade, string schemeId) =>
        string.Equals(grade.Grade.SchemeId, schemeId, StringComparison.OrdinalIgnoreCase);
}
