using GeoCredit.Core.Tracking;

namespace GeoCredit.Core.Geofencing;

/// <summary>What happened between an object and a zone.</summary>
public enum ZoneTransitionKind
{
    /// <summary>The object came into the zone.</summary>
    Enter,

    /// <summary>The object left the zone.</summary>
    Exit,

    /// <summary>The object has been inside for the configured dwell time; emitted once per stay.</summary>
    Dwell,
}

/// <summary>Why a transition was emitted, for rules and operators who need to know how sure it is.</summary>
public enum ZoneTransitionCause
{
    /// <summary>A fix placed the object inside or outside the zone, beyond the margin.</summary>
    Fix,

    /// <summary>
    /// The straight path between two sparse fixes passed through the zone, or left or entered it; the time and
    /// position are interpolated along that path.
    /// </summary>
    Path,

    /// <summary>The object reappeared outside a zone after a silence longer than the gap; at reappearance.</summary>
    AfterGap,

    /// <summary>The zone was removed while the object was inside.</summary>
    ZoneRemoved,

    /// <summary>A forced re-evaluation (zones or rules changed) found the object outside.</summary>
    Reevaluation,
}

/// <summary>One object entering, leaving, or dwelling in one zone.</summary>
/// <param name="ObjectId">The tracked object.</param>
/// <param name="ZoneId">The zone.</param>
/// <param name="Kind">Enter, exit or dwell.</param>
/// <param name="Time">
/// When it happened by the positions' clock, interpolated for <see cref="ZoneTransitionCause.Path"/>; for a dwell,
/// when the stay reached the dwell time.
/// </param>
/// <param name="Longitude">Where it happened, interpolated for <see cref="ZoneTransitionCause.Path"/>.</param>
/// <param name="Latitude">Where it happened.</param>
/// <param name="Cause">What revealed it.</param>
/// <param name="Report">The fix that revealed it (for a dwell or a confirmed entry, the later fix).</param>
public sealed record ZoneTransition(
    string ObjectId,
    string ZoneId,
    ZoneTransitionKind Kind,
    DateTimeOffset Time,
    double Longitude,
    double Latitude,
    ZoneTransitionCause Cause,
    PositionReport Report);

/// <summary>An object's stay in a zone, as the tracker holds it.</summary>
/// <param name="ZoneId">The zone.</param>
/// <param name="EnteredAt">When the object entered.</param>
public sealed record ZoneStay(string ZoneId, DateTimeOffset EnteredAt);
