namespace GeoCredit.Core.Credit;

/// <summary>
/// A level of a scheme held by a subject over a period: from <see cref="ValidFrom"/> until
/// <see cref="ValidUntil"/> (exclusive), or until further notice when that is null. A grade that is superseded
/// or cleared keeps its row, with its end set, so an alert can always show the grade that held then.
/// </summary>
/// <param name="Subject">Who holds the grade.</param>
/// <param name="SchemeId">The scheme's id, e.g. <c>hazmat</c>.</param>
/// <param name="Level">The level, in the scheme's own spelling.</param>
/// <param name="ValidFrom">When the grade took effect.</param>
/// <param name="ValidUntil">When it stopped holding (superseded or cleared); null while it holds.</param>
/// <param name="Source">Where it came from, e.g. <c>Huangpu maritime platform</c> or <c>bulk import
/// 2025-05</c>.</param>
/// <param name="Reason">Why, as the source said it; may be empty.</param>
public sealed record Grade(
    SubjectRef Subject,
    string SchemeId,
    string Level,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidUntil,
    string Source,
    string Reason) : ITimed<Grade>
{
    public bool Covers(DateTimeOffset time) => Timeline.Covers(this, time);

    Grade ITimed<Grade>.EndingAt(DateTimeOffset? until) => this with { ValidUntil = until };
}

/// <summary>How a grade change moved a subject within its scheme.</summary>
public enum GradeChangeKind
{
    /// <summary>
    /// The subject had no grade in the scheme at that time and now has one (for the key-supervision list: listed).
    /// </summary>
    Assigned,

    Upgraded,

    Downgraded,

    /// <summary>The grade ended with nothing after it (for the key-supervision list: taken off the list).</summary>
    Cleared,
}

/// <summary>
/// What a write to the registry changed about one subject's grade: the server re-evaluates every object
/// the subject affects at once, so a yacht downgraded to C while inside the core zone raises its alert then.
/// </summary>
/// <param name="Subject">Whose grade changed.</param>
/// <param name="SchemeId">In which scheme.</param>
/// <param name="OldLevel">The level that held at <paramref name="At"/> before the change; null when none did.</param>
/// <param name="NewLevel">The level that holds from <paramref name="At"/>; null when the grade was cleared.</param>
/// <param name="At">When the change takes effect (it may be in the past for a late report, or in the future).</param>
/// <param name="Source">Who made the change.</param>
/// <param name="Reason">Why.</param>
/// <param name="Kind">Whether it is a first grade, an upgrade, a downgrade or a clearing.</param>
public sealed record GradeChange(
    SubjectRef Subject,
    string SchemeId,
    string? OldLevel,
    string? NewLevel,
    DateTimeOffset At,
    string Source,
    string Reason,
    GradeChangeKind Kind)
{
    public bool IsDowngrade => Kind == GradeChangeKind.Downgraded;

    internal static GradeChangeKind KindOf(GradeScheme scheme, string? oldLevel, string? newLevel) =>
        (oldLevel, newLevel) switch
        {
            (null, _) => GradeChangeKind.Assigned,
            (_, null) => GradeChangeKind.Cleared,
            _ when scheme.IsWorse(newLevel, oldLevel) => GradeChangeKind.Downgraded,
            _ => GradeChangeKind.Upgraded,
        };
}
