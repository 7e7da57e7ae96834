using GeoCredit.Core.Tracking;
using GeoCredit.Storage.Positions;
using GeoCredit.Storage.Retention;

namespace GeoCredit.Storage.Tests.Positions;

public sealed class PositionRetentionTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static PositionReport Fix(string id, ObjectKind kind, int daysAgo) =>
        new(id, kind, Now.AddDays(-daysAgo), Now.AddDays(-daysAgo), 116, 39, null, null, null, null,
            PositionSource.Http);

    private Task<long> CountAsync(string id) =>
        database.ScalarAsync<long>($"select count(*) from positions where object_id = '{id}'");

    [Fact]
    public async Task Chunks_older_than_their_kinds_period_are_dropped_whole_and_others_kept()
    {
        var store = new PositionStore(database.DataSource);
        await store.WriteAsync(
        [
            Fix("ret-bike", ObjectKind.Bike, 40), Fix("ret-bike", ObjectKind.Bike, 1),
            Fix("ret-truck", ObjectKind.Truck, 40), Fix("ret-truck", ObjectKind.Truck, 1),
            Fix("ret-vessel", ObjectKind.Vessel, 400),
        ]);
        var periods = new Dictionary<ObjectKind, TimeSpan>
        {
            [ObjectKind.Bike] = TimeSpan.FromDays(30),
            [ObjectKind.Truck] = TimeSpan.FromDays(60),
        };

        var dropped = await new PositionRetention(database.DataSource).DropExpiredAsync(periods, Now);

        Assert.Equal([ObjectKind.Bike], dropped.Select(d => d.Kind).Distinct());
        Assert.Equal(1, await CountAsync("ret-bike"));
        Assert.Equal(2, await CountAsync("ret-truck"));
        Assert.Equal(1, await CountAsync("ret-vessel"));
    }
}
