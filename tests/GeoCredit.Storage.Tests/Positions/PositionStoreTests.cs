using GeoCredit.Core.Tracking;
using GeoCredit.Storage.Positions;

namespace GeoCredit.Storage.Tests.Positions;

public sealed class PositionStoreTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset T0 = new(2025, 5, 1, 8, 0, 0, TimeSpan.Zero);

    private PositionStore Store => new(database.DataSource);

    private PositionQueries Queries => new(database.DataSource);

    private TrackedObjectStore Objects => new(database.DataSource);

    private static PositionReport Fix(string id, int second, double lon, double lat = 31.24, double? speed = 10) =>
        new(id, ObjectKind.Yacht, T0.AddSeconds(second), T0.AddSeconds(second + 1), lon, lat, speed, 45, null, 5,
            PositionSource.Http);

    [Fact]
    public async Task Write_then_track_returns_every_field_oldest_first()
    {
        await Store.WriteAsync([Fix("y-1", 20, 121.492), Fix("y-1", 0, 121.490), Fix("y-1", 10, 121.491, speed: null)]);

        var track = await Queries.TrackAsync("y-1", T0, T0.AddMinutes(1), 100);

        Assert.Equal([121.490, 121.491, 121.492], track.Select(p => p.Longitude));
        Assert.Equal([T0, T0.AddSeconds(10), T0.AddSeconds(20)], track.Select(p => p.FixTime));
        Assert.Null(track[1].SpeedKmh);
        Assert.Equal(10, track[0].SpeedKmh);
        Assert.Equal(45, track[0].Course);
        Assert.Equal(T0.AddSeconds(1), track[0].ReceivedAt);
        Assert.Equal(31.24, track[0].Latitude);
    }

    [Fact]
    public async Task Write_of_a_fix_already_stored_or_repeated_in_the_batch_stores_it_once()
    {
        var first = await Store.WriteAsync([Fix("y-2", 0, 121.5), Fix("y-2", 5, 121.6)]);
        var again = await Store.WriteAsync([Fix("y-2", 5, 121.6), Fix("y-2", 9, 121.7), Fix("y-2", 9, 121.7)]);

        Assert.Equal(2, first);
        Assert.Equal(1, again);
        Assert.Equal(3, (await Queries.TrackAsync("y-2", T0, T0.AddMinutes(1), 100)).Count);
    }

    [Fact]
    public async Task Late_fix_is_stored_but_never_moves_the_stored_last_position_backwards()
    {
        await Store.WriteAsync([Fix("y-3", 30, 121.53)]);
        await Objects.UpsertLatestAsync([Fix("y-3", 30, 121.53)]);
        await Store.WriteAsync([Fix("y-3", 10, 121.51)]);
        await Objects.UpsertLatestAsync([Fix("y-3", 10, 121.51)]);

        var objects = await Queries.ObjectsAsync(ObjectKind.Yacht, after: "y-2", limit: 1);

        var yacht = Assert.Single(objects);
        Assert.Equal("y-3", yacht.Id);
        Assert.Equal(121.53, yacht.LastPosition!.Longitude);
        Assert.Equal(T0.AddSeconds(30), yacht.LastPosition.FixTime);
        Assert.Equal(2, (await Queries.TrackAsync("y-3", T0, T0.AddMinutes(1), 100)).Count);
    }

    [Fact]
    public async Task Objects_pages_by_id_and_filters_by_kind()
    {
        await Objects.UpsertLatestAsync(
        [
            new("page-a", ObjectKind.Bike, T0, T0, 116.4, 39.9, null, null, null, null, PositionSource.Http),
            new("page-b", ObjectKind.Truck, T0, T0, 118.5, 37.4, null, null, null, null, PositionSource.Http),
            new("page-c", ObjectKind.Bike, T0, T0, 116.5, 39.8, null, null, null, null, PositionSource.Http),
        ]);

        var bikes = await Queries.ObjectsAsync(ObjectKind.Bike, after: "page-", limit: 10);
        var afterA = await Queries.ObjectsAsync(null, after: "page-a", limit: 1);

        Assert.Equal(["page-a", "page-c"], bikes.Select(o => o.Id));
        Assert.Equal(["page-b"], afterA.Select(o => o.Id));
    }

    [Fact]
    public async Task Track_is_bounded_by_the_limit()
    {
        await Store.WriteAsync(Enumerable.Range(0, 50).Select(i => Fix("y-limit", i, 121.4 + i * 0.001)).ToArray());

        var track = await Queries.TrackAsync("y-limit", T0, T0.AddHours(1), 7);

        Assert.Equal(7, track.Count);
        Assert.Equal(T0, track[0].FixTime);
    }
}
