using GeoCredit.Core.Tracking;
using GeoCredit.Storage.Positions;

namespace GeoCredit.Storage.Tests.Positions;

public sealed class PositionQueriesTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset T0 = new(2025, 5, 1, 8, 0, 0, TimeSpan.Zero);

    private PositionStore Store => new(database.DataSource);

    private PositionQueries Queries => new(database.DataSource);

    private static PositionReport Fix(string id, TimeSpan at, double lon, double lat, string? op = null,
        ObjectKind kind = ObjectKind.Bike) =>
        new(id, kind, T0 + at, T0 + at, lon, lat, 5, 0, null, null, PositionSource.Mds, op);

    [Fact]
    public async Task Downsampled_track_keeps_one_real_fix_per_bucket_and_at_most_the_requested_points()
    {
        // A fix every 10 s for an hour: 360 fixes, asked for 12 points, one per 5 minutes.
        var fixes = Enumerable.Range(0, 360)
            .Select(i => Fix("ds-1", TimeSpan.FromSeconds(10 * i), 116 + i * 1e-4, 39.9)).ToArray();
        await Store.WriteAsync(fixes);

        var track = await Queries.DownsampledTrackAsync("ds-1", T0, T0.AddHours(1), 12);

        Assert.Equal(12, track.Count);
        Assert.Equal(track.OrderBy(p => p.FixTime), track);
        Assert.All(track, p => Assert.Contains(fixes, f => f.FixTime == p.FixTime && f.Longitude == p.Longitude));
        Assert.Equal(T0.AddSeconds(290), track[0].FixTime);
        Assert.Equal(T0.AddSeconds(3590), track[^1].FixTime);
    }

    [Fact]
    public async Task Downsampled_track_with_few_fixes_returns_them_all()
    {
        await Store.WriteAsync(
            [Fix("ds-2", TimeSpan.Zero, 116, 39.9), Fix("ds-2", TimeSpan.FromMinutes(1), 116.1, 39.9)]);

        var track = await Queries.DownsampledTrackAsync("ds-2", T0, T0.AddHours(1), 100);

        Assert.Equal(2, track.Count);
    }

    [Fact]
    public async Task Scene_gives_each_object_in_the_box_at_its_newest_fix_up_to_the_moment()
    {
        await Store.WriteAsync(
        [
            Fix("scene-a", TimeSpan.FromMinutes(1), 121.49, 31.24),
            Fix("scene-a", TimeSpan.FromMinutes(5), 121.50, 31.25),
            Fix("scene-a", TimeSpan.FromMinutes(20), 121.60, 31.30),
            Fix("scene-b", TimeSpan.FromMinutes(2), 121.80, 31.24),
            Fix("scene-c", TimeSpan.FromMinutes(3), 121.48, 31.23),
            Fix("scene-d", TimeSpan.FromMinutes(-90), 121.49, 31.24),
        ]);

        var scene = await Queries.SceneAsync(
            121.45, 31.20, 121.55, 31.28, T0.AddMinutes(10), TimeSpan.FromHours(1), 100);

        Assert.Equal(["scene-a", "scene-c"], scene.Select(s => s.ObjectId));
        Assert.Equal(121.50, scene[0].Position.Longitude);
    }

    [Fact]
    public async Task Hourly_counts_per_object_and_per_operator()
    {
        PositionReport[] fixes =
        [
            Fix("hc-1", TimeSpan.FromMinutes(1), 116, 39, "op-hc"),
            Fix("hc-1", TimeSpan.FromMinutes(2), 116, 39, "op-hc"),
            Fix("hc-2", TimeSpan.FromMinutes(3), 116, 39, "op-hc"),
            Fix("hc-2", TimeSpan.FromMinutes(70), 116, 39, "op-hc"),
        ];
        await Store.WriteAsync(fixes);
        await new TrackedObjectStore(database.DataSource).UpsertLatestAsync(fixes);

        var perObject = (await Queries.HourlyCountsAsync(T0, T0.AddHours(2), byOperator: false, 1000))
            .Where(c => c.Key.StartsWith("hc-", StringComparison.Ordinal)).ToArray();
        var perOperator = (await Queries.HourlyCountsAsync(T0, T0.AddHours(2), byOperator: true, 1000))
            .Where(c => c.Key == "op-hc").ToArray();

        Assert.Equal(
            [new HourlyCount(T0, "hc-1", 2), new HourlyCount(T0, "hc-2", 1),
                new HourlyCount(T0.AddHours(1), "hc-2", 1)],
            perObject);
        Assert.Equal([new HourlyCount(T0, "op-hc", 3), new HourlyCount(T0.AddHours(1), "op-hc", 1)], perOperator);
    }

    [Fact]
    public async Task Connected_share_counts_the_operators_objects_that_reported_in_the_window()
    {
        await new TrackedObjectStore(database.DataSource).UpsertLatestAsync(
        [
            Fix("cs-1", TimeSpan.FromMinutes(-30), 116, 39, "op-cs"),
            Fix("cs-2", TimeSpan.FromMinutes(-2), 116, 39, "op-cs"),
            Fix("cs-3", TimeSpan.FromMinutes(-1), 116, 39, "op-cs"),
            Fix("cs-4", TimeSpan.FromMinutes(-1), 116, 39, "op-cs"),
        ]);

        var share = (await Queries.ConnectedSharesAsync(T0.AddMinutes(-5))).Single(s => s.OperatorId == "op-cs");

        Assert.Equal(4, share.Objects);
        Assert.Equal(3, share.Reporting);
        Assert.Equal(0.75, share.Share);
    }
}
