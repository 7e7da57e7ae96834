namespace GeoCredit.Core.Geofencing;

/// <summary>
/// How sure the tracker must be before it calls an entry or an exit. The margin of a fix is
/// <c>max(BaseMarginM, AccuracyFactor × accuracy)</c>: a fix enters a zone when it lies at least the margin inside
/// (but never more than the zone's half depth, so that a fence narrower than the margin can be entered), and
/// leaves it when it lies at least the margin outside. Between the two is a band where nothing changes.
/// </summary>
public sealed record GeofenceTrackerOptions
{
    /// <summary>The least margin, whatever the accuracy.</summary>
    public double BaseMarginM { get; init; } = 5;

    /// <summary>
    /// How many times the reported accuracy the margin is. Devices report roughly a one-sigma radius, so 2 keeps a
    /// stationary object's jitter inside the band almost always.
    /// </summary>
    public double AccuracyFactor { get; init; } = 2;

    /// <summary>The accuracy assumed when a fix reports none (AIS, most JT/T 808 terminals).</summary>
    public double DefaultAccuracyM { get; init; } = 10;

    /// <summary>How long an object must stay inside before its entry counts; zero counts it at once.</summary>
    public TimeSpan EnterConfirmation { get; init; } = TimeSpan.Zero;

    /// <summary>After how long inside a <see cref="ZoneTransitionKind.Dwell"/> is emitted; none when null.</summary>
    public TimeSpan? DwellAfter { get; init; }

    /// <summary>Two fixes at least this far apart have their path checked, not only their points.</summary>
    public double PathMinDistanceM { get; init; } = 50;

    /// <summary>Two fixes at least this long apart have their path checked, not only their points.</summary>
    public TimeSpan PathMinInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Fixes farther apart than this are a jump, not a path: it is not checked.</summary>
    public double PathMaxDistanceM { get; init; } = 50_000;

    /// <summary>
    /// A silence longer than this is a gap: where the object was in between is unknown, so its path is not
    /// checked, and on reappearance it has left the zones it is now outside of.
    /// </summary>
    public TimeSpan SilenceGap { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The margin of a fix of a reported accuracy.</summary>
    public double MarginFor(double? accuracyM) =>
        Math.Max(BaseMarginM, AccuracyFactor * (accuracyM is > 0 ? accuracyM.Value : DefaultAccuracyM));
}
