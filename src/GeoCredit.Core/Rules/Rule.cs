using GeoCredit.Core.Dispatch;
using GeoCredit.Core.Geofencing;
using GeoCredit.Core.Tracking;

namespace GeoCredit.Core.Rules;

/// <summary>When a rule looks at an object in a zone.</summary>
public enum RuleTrigger
{
    /// <summary>When the object enters the zone (or is found inside it after its grade changed).</summary>
    Enter,

    /// <summary>When the object is inside the zone during one of the zone's time windows (peak hours).</summary>
    InsideDuringWindows,
}

/// <summary>Which grades a rule is about: levels of one scheme, held by the object or, when
/// <see cref="IncludeLinked"/>, by a subject linked to it (a truck's current driver, a yacht's club).</summary>
public sealed record GradeCondition(string SchemeId, IReadOnlySet<string> Levels, bool IncludeLinked = true);

/// <summary>The work order a rule asks for: to a named team, to the zone's owner team, or to the object's operator
/// company; with the zone class that sets its clocks.</summary>
public sealed record RuleOrder(string? Team, bool ToZoneOwner, bool ToOperator, string? ZoneClass);

/// <summary>
/// What a zone means for whom, as data: which object kinds in which zone kinds, under which grade condition,
/// on which trigger, and what follows (an alert of a severity, perhaps a work order). Rules are loaded from
/// <c>geodata</c>; there is no code path per case.
/// </summary>
public sealed record Rule(
    string Id,
    string Name,
    IReadOnlySet<ZoneKind> ZoneKinds,
    IReadOnlySet<ObjectKind> ObjectKinds,
    GradeCondition? Grade,
    RuleTrigger Trigger,
    AlertSeverity Severity,
    RuleOrder? Order,
    string Message);
