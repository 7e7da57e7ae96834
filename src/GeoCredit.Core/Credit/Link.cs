namespace GeoCredit.Core.Credit;

/// <summary>
/// How one subject is tied to another, named after the target's role: a vehicle's <see cref="Driver"/>, a
/// vessel's <see cref="Company"/>. A subject has at most one target per kind at a time.
/// </summary>
public enum LinkKind
{
    /// <summary>
    /// Vehicle to its current driver; changes with every shift. The driver's grade counts for the vehicle.
    /// </summary>
    Driver,

    /// <summary>Vehicle, vessel, driver or crew member to the company that operates or employs it.</summary>
    Company,

    /// <summary>Yacht to the club that operates it.</summary>
    Club,

    /// <summary>Shared bike to its operator company.</summary>
    Operator,

    /// <summary>
    /// Crew member to the vessel they serve on. Here the grade flows the other way: a red-coded crew member
    /// counts against the vessel, not the vessel against the crew member.
    /// </summary>
    Vessel,
}

/// <summary>What each <see cref="LinkKind"/> may join, and which way grades flow along it.</summary>
public static class LinkKinds
{
    public static IReadOnlyList<LinkKind> All { get; } = Enum.GetValues<LinkKind>();

    public static string ToWire(this LinkKind kind) => kind switch
    {
        LinkKind.Driver => "driver",
        LinkKind.Company => "company",
        LinkKind.Club => "club",
        LinkKind.Operator => "operator",
        LinkKind.Vessel => "vessel",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown link kind."),
    };

    public static bool TryParse(ReadOnlySpan<char> text, out LinkKind kind)
    {
        var trimmed = text.Trim();
        foreach (var candidate in All)
        {
            if (trimmed.Equals(candidate.ToWire(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>Whether a link of this kind may join a subject of one kind to a target of another.</summary>
    public static bool Allows(this LinkKind kind, SubjectKind subject, SubjectKind target) => kind switch
    {
        LinkKind.Driver => subject == SubjectKind.Vehicle && target == SubjectKind.Driver,
        LinkKind.Company => target == SubjectKind.Company
            && subject is SubjectKind.Vehicle or SubjectKind.Vessel or SubjectKind.Driver or SubjectKind.Crew,
        LinkKind.Club => subject == SubjectKind.Yacht && target == SubjectKind.Club,
        LinkKind.Operator => subject == SubjectKind.Bike && target == SubjectKind.Operator,
        LinkKind.Vessel => subject == SubjectKind.Crew && target == SubjectKind.Vessel,
        _ => false,
    };

    /// <summary>
    /// True when the target's grades count for the subject (a vehicle carries its driver's grade); false when
    /// the subject's grades count for the target (a vessel carries its crew's grades).
    /// </summary>
    public static bool GradeFlowsToSubject(this LinkKind kind) => kind != LinkKind.Vessel;
}

/// <summary>
/// A link from a subject to a target over a period, from <see cref="ValidFrom"/> until <see cref="ValidUntil"/>
/// (exclusive), or until further notice when that is null.
/// </summary>
public sealed record Link(
    SubjectRef Subject,
    LinkKind Kind,
    SubjectRef Target,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidUntil,
    string Source) : ITimed<Link>
{
    public bool Covers(DateTimeOffset time) => Timeline.Covers(this, time);

    Link ITimed<Link>.EndingAt(DateTimeOffset? until) => this with { ValidUntil = until };
}

/// <summary>
/// What a link or unlink changed: the server re-evaluates the objects of <see cref="AffectedSubjects"/>.
/// </summary>
/// <param name="Subject">The linked subject (the vehicle, the vessel, the crew member).</param>
/// <param name="Kind">Which link.</param>
/// <param name="OldTarget">The target at <paramref name="At"/> before the change; null when there was none.</param>
/// <param name="NewTarget">The target from <paramref name="At"/>; null when the link was ended.</param>
/// <param name="At">When the change takes effect.</param>
/// <param name="Source">Who made it.</param>
public sealed record LinkChange(
    SubjectRef Subject,
    LinkKind Kind,
    SubjectRef? OldTarget,
    SubjectRef? NewTarget,
    DateTimeOffset At,
    string Source)
{
    /// <summary>The subjects whose effective grades may differ after the change.</summary>
    public IReadOnlyList<SubjectRef> AffectedSubjects
    {
        get
        {
            if (Kind.GradeFlowsToSubject())
            {
                return [Subject];
            }

            var affected = new List<SubjectRef>(2);
            if (OldTarget is { } old)
            {
                affected.Add(old);
            }

            if (NewTarget is { } target)
            {
                affected.Add(target);
            }

            return affected;
        }
    }
}
