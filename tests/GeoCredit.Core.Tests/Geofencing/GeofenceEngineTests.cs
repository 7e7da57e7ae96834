using GeoCredit.Core.Geofencing;
using static GeoCredit.Core.Tests.Geofencing.GeoTestData;

namespace GeoCredit.Core.Tests.Geofencing;

public sealed class GeofenceEngineTests
{
    [Fact]
    public void Replace_applies_at_once_and_raises_the_version()
    {
        var engine = new GeofenceEngine();
        var point = At(50, 50);
        var found = new Zone[4];
        Assert.Equal(0, engine.Version);
        Assert.Equal(0, engine.Locate(point.X, point.Y, found));

        engine.Replace([Zone("a", Box(0, 0, 100, 100))]);
        var first = engine.Locate(point.X, point.Y, found);
        var firstId = found[0].Id;
        engine.Replace([Zone("b", Box(0, 0, 100, 100), version: 2)]);
        var second = engine.Locate(point.X, point.Y, found);

        Assert.Equal((1, "a"), (first, firstId));
        Assert.Equal((1, "b"), (second, found[0].Id));
        Assert.Equal(2, engine.Version);
    }

    [Fact]
    public void Replace_leaves_a_reader_holding_the_old_version_undisturbed()
    {
        var engine = new GeofenceEngine();
        engine.Replace([Zone("a", Box(0, 0, 100, 100))]);
        var held = engine.Current;
        var point = At(50, 50);

        engine.Replace([]);

        Assert.Equal(1, held.Locate(point.X, point.Y, new int[4]));
        Assert.Equal(0, engine.Current.Locate(point.X, point.Y, new int[4]));
        Assert.Equal(1, held.Version);
    }

    [Fact]
    public void Apply_upserts_by_id_and_removes_keeping_the_rest()
    {
        var engine = new GeofenceEngine();
        engine.Replace(
            [Zone("a", Box(0, 0, 100, 100)), Zone("b", Box(200, 0, 300, 100)), Zone("c", Box(400, 0, 500, 100))]);

        var index = engine.Apply([Zone("a", Box(1000, 0, 1100, 100), version: 2), Zone("d", Box(0, 0, 10, 10))], ["b"]);

        Assert.Equal(["a", "c", "d"], index.Zones.Select(z => z.Id).Order());
        Assert.True(index.TryGetZone("a", out var moved));
        Assert.Equal(2, moved.Version);
        Assert.Equal(2, index.Version);
    }

    [Fact]
    public void Replace_with_a_repeated_id_changes_nothing()
    {
        var engine = new GeofenceEngine();
        engine.Replace([Zone("a", Box(0, 0, 100, 100))]);

        Assert.Throws<ArgumentException>(() =>
            engine.Replace([Zone("x", Box(0, 0, 1, 1)), Zone("x", Box(0, 0, 1, 1))]));

        Assert.Equal(1, engine.Version);
        Assert.Equal("a", Assert.Single(engine.Current.Zones).Id);
    }

    [Fact]
    public async Task Locate_while_zones_are_replaced_on_another_thread_always_sees_a_whole_version()
    {
        var engine = new GeofenceEngine();
        var inner = Zone("inner", Box(0, 0, 100, 100));
        var outer = Zone("outer", Box(-50, -50, 150, 150));
        engine.Replace([inner, outer]);
        var point = At(50, 50);
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                engine.Replace(i % 2 == 0 ? [outer, inner] : [inner, outer]);
            }
        });

        var found = new Zone[4];
        while (!writer.IsCompleted)
        {
            Assert.Equal(2, engine.Locate(point.X, point.Y, found));
        }

        await writer;
        Assert.Equal(201, engine.Version);
    }
}
