using GeoCredit.Core.Rules;
using GeoCredit.Core.Tracking;

namespace GeoCredit.Core.Tests.Rules;

public sealed class DrivingBehaviourMonitorTests
{
    private static readonly DateTimeOffset T0 = new(2025, 5, 1, 6, 0, 0, TimeSpan.Zero);

    private readonly DrivingBehaviourMonitor _monitor = new(new DrivingBehaviourOptions());

    private static PositionReport Fix(TimeSpan at, double speed, string id = "truck-1") =>
        new(id, ObjectKind.Truck, T0 + at, T0 + at, 118.5, 37.4, speed, 90, null, null, PositionSource.Jt808);

    [Fact]
    public void Observe_speed_over_the_limit_for_longer_than_a_minute_is_speeding_once()
    {
        var findings = Enumerable.Range(0, 5).Select(i => i * 30)
            .SelectMany(s => _monitor.Observe(Fix(TimeSpan.FromSeconds(s), 95)))
            .ToArray();

        var speeding = Assert.Single(findings);
        Assert.Equal(DrivingBehaviour.Speeding, speeding.Behaviour);
        Assert.Equal(T0.AddSeconds(60), speeding.At);
    }

    [Fact]
    public void Observe_a_single_spike_over_the_limit_is_not_speeding()
    {
        var findings = _monitor.Observe(Fix(TimeSpan.Zero, 95))
            .Concat(_monitor.Observe(Fix(TimeSpan.FromSeconds(30), 70)))
            .Concat(_monitor.Observe(Fix(TimeSpan.FromSeconds(90), 95)))
            .Concat(_monitor.Observe(Fix(TimeSpan.FromSeconds(120), 70)));

        Assert.Empty(findings);
    }

    [Fact]
    public void Observe_a_zones_lower_limit_applies_instead_of_the_road_limit()
    {
        _monitor.Observe(Fix(TimeSpan.Zero, 50), zoneSpeedLimitKmh: 30);

        var findings = _monitor.Observe(Fix(TimeSpan.FromMinutes(2), 50), zoneSpeedLimitKmh: 30);

        Assert.Equal(DrivingBehaviour.Speeding, Assert.Single(findings).Behaviour);
    }

    [Fact]
    public void Observe_four_hours_of_driving_without_a_twenty_minute_rest_is_fatigue_driving()
    {
        var findings = new List<DrivingFinding>();
        for (var minute = 0; minute <= 250; minute += 10)
        {
            // A 10-minute stop at 2 h is too short to count as a rest.
            var speed = minute is 120 or 130 ? 0 : 60;
            findings.AddRange(_monitor.Observe(Fix(TimeSpan.FromMinutes(minute), speed)));
        }

        var fatigue = Assert.Single(findings, f => f.Behaviour == DrivingBehaviour.FatigueDriving);
        Assert.Equal(T0.AddMinutes(240), fatigue.At);
    }

    [Fact]
    public void Observe_a_twenty_minute_rest_restarts_the_driving_clock()
    {
        var findings = new List<DrivingFinding>();
        for (var minute = 0; minute <= 300; minute += 10)
        {
            var speed = minute is >= 150 and <= 170 ? 0 : 60;
            findings.AddRange(_monitor.Observe(Fix(TimeSpan.FromMinutes(minute), speed)));
        }

        Assert.DoesNotContain(findings, f => f.Behaviour == DrivingBehaviour.FatigueDriving);
    }

    [Fact]
    public void CheckSilence_reports_a_moving_vehicle_silent_too_long_once_and_not_a_parked_one()
    {
        _monitor.Observe(Fix(TimeSpan.Zero, 60, "moving"));
        _monitor.Observe(Fix(TimeSpan.Zero, 0, "parked"));

        var early = _monitor.CheckSilence(T0.AddMinutes(9));
        var late = _monitor.CheckSilence(T0.AddMinutes(11));
        var again = _monitor.CheckSilence(T0.AddMinutes(20));

        Assert.Empty(early);
        Assert.Equal(["moving"], late.Select(f => f.Position.ObjectId));
        Assert.Empty(again);
    }

    [Fact]
    public void Observe_an_older_fix_changes_nothing()
    {
        _monitor.Observe(Fix(TimeSpan.FromMinutes(5), 60));

        Assert.Empty(_monitor.Observe(Fix(TimeSpan.FromMinutes(1), 120)));
    }
}
