using GeoCredit.Core.Tracking;
using GeoCredit.Simulator.Scenarios;

namespace GeoCredit.Simulator.Tests.Scenarios;

public sealed class SimulatedObjectTests
{
    private static readonly DateTimeOffset Start = new(2025, 5, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly LonLat West = new(116.390, 39.909);
    private static readonly LonLat East = Geodesy.Offset(West, 1000, 0);

    [Fact]
    public void At_moves_along_the_route_at_its_speed()
    {
        var bike = new SimulatedObject("b", ObjectKind.Bike, [West, East], speedKmh: 36, offsetMetres: 0);

        var fix = bike.At(Start, TimeSpan.FromSeconds(50));

        Assert.Equal(500, Geodesy.DistanceMetres(West, new LonLat(fix.Lon, fix.Lat)), precision: 0);
        Assert.Equal(90, fix.Course, precision: 0);
        Assert.Equal(36, fix.SpeedKmh, precision: 6);
        Assert.Equal(Start.AddSeconds(50), fix.Time);
    }

    [Fact]
    public void At_turns_back_at_the_far_end()
    {
        var bike = new SimulatedObject("b", ObjectKind.Bike, [West, East], speedKmh: 36, offsetMetres: 0);

        var fix = bike.At(Start, TimeSpan.FromSeconds(130));

        Assert.Equal(700, Geodesy.DistanceMetres(West, new LonLat(fix.Lon, fix.Lat)), precision: 0);
        Assert.Equal(270, fix.Course, precision: 0);
    }

    [Fact]
    public void At_with_zero_speed_stands_at_the_start()
    {
        var parked = new SimulatedObject("p", ObjectKind.Bike, [West, East], speedKmh: 0, offsetMetres: 0);

        var fix = parked.At(Start, TimeSpan.FromHours(3));

        Assert.Equal((West.Lon, West.Lat, 0.0), (fix.Lon, fix.Lat, fix.SpeedKmh));
    }

    [Fact]
    public void Demo_scenario_is_deterministic_and_every_fix_is_valid()
    {
        var validator = new GeoCredit.Core.Ingest.PositionValidator(
            new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Start.AddMinutes(10)));

        var first = new DemoScenario().FixesAt(Start, TimeSpan.FromMinutes(10)).ToArray();
        var second = new DemoScenario().FixesAt(Start, TimeSpan.FromMinutes(10)).ToArray();

        Assert.Equal(first, second);
        Assert.Equal(245, first.Length);
        Assert.Equal(first.Length, first.Select(f => f.ObjectId).Distinct().Count());
        Assert.All(first, fix =>
            Assert.Null(validator.Validate(fix.ObjectId, fix.Kind, fix.Time, fix.Lon, fix.Lat, fix.SpeedKmh, fix.Course)
                .Rejection));
    }
}
