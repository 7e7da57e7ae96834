using GeoCredit.Core.Rules;
using GeoCredit.Core.Tracking;

namespace GeoCredit.Core.Tests.Rules;

public sealed class BikeParkingMonitorTests
{
    private static readonly DateTimeOffset T0 = new(2025, 5, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly BikeParkingMonitor _monitor = new(new BikeParkingOptions());

    private static PositionReport Fix(int minute, double lon, double lat = 39.905) =>
        new("bike-1", ObjectKind.Bike, T0.AddMinutes(minute), T0.AddMinutes(minute), lon, lat, 0, null, null, 8,
            PositionSource.Mds);

    [Fact]
    public void HasJustParked_once_the_bike_has_stood_ten_minutes_within_gps_noise()
    {
        var answers = Enumerable.Range(0, 13)
            .Select(minute => _monitor.HasJustParked(Fix(minute, 116.40000 + (minute % 2) * 0.00005)))
            .ToArray();

        Assert.Equal(10, Array.IndexOf(answers, true));
        Assert.Single(answers, a => a);
    }

    [Fact]
    public void HasJustParked_starts_again_after_the_bike_moved_away()
    {
        for (var minute = 0; minute <= 10; minute++)
        {
            _monitor.HasJustParked(Fix(minute, 116.4000));
        }

        var movedAt = _monitor.HasJustParked(Fix(11, 116.4100));
        var tooSoon = _monitor.HasJustParked(Fix(15, 116.4100));
        var parkedAgain = _monitor.HasJustParked(Fix(21, 116.4100));

        Assert.False(movedAt);
        Assert.False(tooSoon);
        Assert.True(parkedAgain);
    }
}
