using System.Collections.Concurrent;
using GeoCredit.Core.Tracking;

namespace GeoCredit.Core.Rules;

/// <summary>
/// Limits of hazardous-goods driving (the Dongying case: speeding, fatigue driving, positioning anomalies).
/// </summary>
public sealed record DrivingBehaviourOptions
{
    /// <summary>The limit where no zone sets one (hazardous-goods vehicles on ordinary roads).</summary>
    public double RoadSpeedLimitKmh { get; init; } = 80;

    /// <summary>
    /// How long a vehicle must stay over the limit before it counts as speeding (not a single spike).
    /// </summary>
    public TimeSpan SpeedingFor { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Continuous driving beyond this without a rest is fatigue driving.</summary>
    public TimeSpan MaxContinuousDriving { get; init; } = TimeSpan.FromHours(4);

    /// <summary>A stop at least this long counts as a rest and restarts the driving clock.</summary>
    public TimeSpan MinRest { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>A moving vehicle silent longer than this has a positioning anomaly.</summary>
    public TimeSpan MaxSilenceWhileMoving { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Slower than this, a vehicle is standing (resting).</summary>
    public double MovingKmh { get; init; } = 5;
}

public enum DrivingBehaviour
{
    Speeding,
    FatigueDriving,
    PositioningAnomaly,
}

/// <summary>Something a vehicle's driving showed, at the fix that showed it.</summary>
public sealed record DrivingFinding(
    DrivingBehaviour Behaviour, PositionReport Position, DateTimeOffset At, string Message);

/// <summary>
/// Watches each vehicle's fixes for speeding held for longer than a moment, continuous driving beyond the limit
/// without a long enough rest, and silence while moving. Each finding is reported once per episode: a vehicle
/// that keeps speeding is one finding until it slows down. Times come from the fixes and from the caller, so
/// the monitor runs the same on a virtual clock. Thread-safe: each vehicle's state has its own lock.
/// </summary>
public sealed class DrivingBehaviourMonitor(DrivingBehaviourOptions options)
{
    private readonly ConcurrentDictionary<string, VehicleState> _vehicles = new(StringComparer.Ordinal);

    public DrivingBehaviourOptions Options => options;

    /// <summary>Takes a vehicle's newest fix; <paramref name="zoneSpeedLimitKmh"/> is the lowest limit of the zones it
    /// is in, if any.</summary>
    public IReadOnlyList<DrivingFinding> Observe(PositionReport report, double? zoneSpeedLimitKmh = null)
    {
        var state = _vehicles.GetOrAdd(report.ObjectId, _ => new VehicleState());
        List<DrivingFinding>? findings = null;
        lock (state)
        {
            if (state.Last is { } last && report.FixTime <= last.FixTime)
            {
                return [];
            }

            state.Last = report;
            state.SilenceReported = false;
            var time = report.FixTime;
            var speed = report.SpeedKmh ?? 0;

            var limit = zoneSpeedLimitKmh ?? options.RoadSpeedLimitKmh;
            if (speed > limit)
            {
                state.SpeedingSince ??= time;
                if (!state.SpeedingReported && time - state.SpeedingSince >= options.SpeedingFor)
                {
                    state.SpeedingReported = true;
                    (findings ??= []).Add(new DrivingFinding(DrivingBehaviour.Speeding, report, time,
                        $"Over the {limit:0} km/h limit for " +
                        $"{(time - state.SpeedingSince.Value).TotalMinutes:0.#} minutes ({speed:0} km/h)."));
                }
            }
            else
            {
                state.SpeedingSince = null;
                state.SpeedingReported = false;
            }

            if (speed >= options.MovingKmh)
            {
                state.DrivingSince ??= time;
                state.RestSince = null;
                if (!state.FatigueReported && time - state.DrivingSince >= options.MaxContinuousDriving)
                {
                    state.FatigueReported = true;
                    (findings ??= []).Add(new DrivingFinding(DrivingBehaviour.FatigueDriving, report, time,
                        $"Driving for {(time - state.DrivingSince.Value).TotalHours:0.#} hours without a " +
                        $"{options.MinRest.TotalMinutes:0}-minute rest."));
                }
            }
            else
            {
                state.RestSince ??= time;
                if (time - state.RestSince >= options.MinRest)
                {
                    state.DrivingSince = null;
                    state.FatigueReported = false;
                }
            }
        }

        return findings ?? (IReadOnlyList<DrivingFinding>)[];
    }

    /// <summary>
    /// Vehicles that were moving at their last fix and have been silent too long, as of <paramref name="now"/>.
    /// </summary>
    public IReadOnlyList<DrivingFinding> CheckSilence(DateTimeOffset now)
    {
        var findings = new List<DrivingFinding>();
        foreach (var state in _vehicles.Values)
        {
            lock (state)
            {
                if (state.Last is not { } last || state.SilenceReported || (last.SpeedKmh ?? 0) < options.MovingKmh ||
                    now - last.FixTime <= options.MaxSilenceWhileMoving)
                {
                    continue;
                }

                state.SilenceReported = true;
                findings.Add(new DrivingFinding(DrivingBehaviour.PositioningAnomaly, last, now,
                    $"No report for {(now - last.FixTime).TotalMinutes:0} minutes " +
                    $"while moving at {last.SpeedKmh:0} km/h."));
            }
        }

        return findings;
    }

    private sealed class VehicleState
    {
        public PositionReport? Last { get; set; }

        public DateTimeOffset? SpeedingSince { get; set; }

        public bool SpeedingReported { get; set; }

        public DateTimeOffset? DrivingSince { get; set; }

        public DateTimeOffset? RestSince { get; set; }

        public bool FatigueReported { get; set; }

        public bool SilenceReported { get; set; }
    }
}
