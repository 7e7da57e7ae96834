using System.Collections.Concurrent;
using GeoCredit.Core.Tracking;

namespace GeoCredit.Core.Rules;

/// <summary>When a bike counts as parked (the Beijing case: parked outside any permitted zone for too long).</summary>
public sealed record BikeParkingOptions
{
    /// <summary>How long a bike must stand before its parking is judged.</summary>
    public TimeSpan StandingFor { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Fixes within this distance of where it stopped are GPS noise, not movement.</summary>
    public double StandingRadiusM { get; init; } = 15;
}

/// <summary>
/// Tells, per bike, when it has stood in one place long enough to be judged as parked: once per stop, and
/// again only after it has moved away. Times come from the fixes. Thread-safe: each bike has its own lock.
/// </summary>
public sealed class BikeParkingMonitor(BikeParkingOptions options)
{
    private const double MetresPerDegree = 111_320;

    private readonly ConcurrentDictionary<string, Stop> _stops = new(StringComparer.Ordinal);

    public BikeParkingOptions Options => options;

    /// <summary>
    /// Whether this fix is the one at which the bike has now stood for <see cref="BikeParkingOptions.StandingFor"/>.
    /// </summary>
    public bool HasJustParked(PositionReport report)
    {
        var stop = _stops.GetOrAdd(report.ObjectId, _ => new Stop(report));
        lock (stop)
        {
            if (report.FixTime <= stop.Latest)
            {
                return false;
            }

            stop.Latest = report.FixTime;
            if (DistanceM(stop.Anchor, report) > options.StandingRadiusM)
            {
                stop.Anchor = report;
                stop.Reported = false;
                return false;
            }

            if (stop.Reported || report.FixTime - stop.Anchor.FixTime < options.StandingFor)
            {
                return false;
            }

            stop.Reported = true;
            return true;
        }
    }

    // An equirectangular distance: exact enough over the few tens of metres a standing bike's fixes spread.
    private static double DistanceM(PositionReport a, PositionReport b)
    {
        var dx = (b.Longitude - a.Longitude) * MetresPerDegree * Math.Cos(a.Latitude * Math.PI / 180);
        var dy = (b.Latitude - a.Latitude) * MetresPerDegree;
        return Math.Sqrt(dx * dx + dy * dy);
    }

    private sealed class Stop(PositionReport anchor)
    {
        public PositionReport Anchor { get; set; } = anchor;

        public DateTimeOffset Latest { get; set; } = anchor.FixTime;

        public bool Reported { get; set; }
    }
}
