using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using GeoCredit.Server.Live;
using GeoCredit.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace GeoCredit.Server.Tests;

public sealed class PositionIngestEndToEndTests(RunningServer server) : IClassFixture<RunningServer>
{
    [Fact]
    public async Task Batch_good_items_are_stored_queryable_in_order_and_pushed_live_while_bad_items_are_reported()
    {
        var received = Channel.CreateUnbounded<LivePositionBatch>();
        await using var hub = await server.HubAsync("operator");
        hub.On<LivePositionBatch>(LiveFeed.PositionsMessage, batch => received.Writer.TryWrite(batch));
        await hub.InvokeAsync<LiveCursor>(nameof(LiveHub.WatchPositions));
        using var ingest = await server.ClientAsync("ingest");
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        object Item(string id, int second, double lon, double lat) => new
        {
            objectId = id, kind = "truck", time = start.AddSeconds(second).ToString("O"), lon, lat, speed = 42.5,
                course = 90,
        };

        var reply = await ingest.PostAsJsonAsync("/api/ingest/positions", new object[]
        {
            Item("e2e-truck", 20, 118.52, 37.46),
            Item("e2e-truck", 0, 118.50, 37.45),
            Item("e2e-bad-lat", 5, 118.50, 97.45),
            new { objectId = "e2e-no-kind", time = start.ToString("O"), lon = 118.5, lat = 37.4 },
            Item("e2e-truck", 10, 118.51, 37.455),
            new { objectId = "e2e-local-time", kind = "truck", time = "2025-05-01T08:00:00", lon = 118.5, lat = 37.4 },
            "not an object",
        });

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var body = JsonDocument.Parse(await reply.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(7, body.GetProperty("received").GetInt32());
        Assert.Equal(3, body.GetProperty("accepted").GetInt32());
        Assert.Equal(0, body.GetProperty("late").GetInt32());
        var rejected = body.GetProperty("rejected").EnumerateArray()
            .Select(r => (r.GetProperty("index").GetInt32(), r.GetProperty("reason").GetString()))
            .ToArray();
        Assert.Equal(
            [(2, "latitude_out_of_range"), (3, "unknown_object_kind"), (5, "invalid_time"), (6, "malformed_record")],
            rejected);

        using var operatorClient = await server.ClientAsync("operator");
        var track = await operatorClient.PostGraphQLAsync(
            "query($id: ID!, $from: DateTimeOffset!, $to: DateTimeOffset!) " +
            "{ track(objectId: $id, from: $from, to: $to) { lon lat fixTime speedKmh source } }",
            new { id = "e2e-truck", from = start.AddHours(-1), to = start.AddHours(1) });
        Assert.Equal(HttpStatusCode.OK, track.Status);
        var lons = track.Data.GetProperty("track").EnumerateArray().Select(p => p.GetProperty("lon").GetDouble())
            .ToArray();
        Assert.Equal([118.50, 118.51, 118.52], lons);
        Assert.Equal("HTTP", track.Data.GetProperty("track")[0].GetProperty("source").GetString());

        await Eventually.HoldsAsync(async () =>
            (await operatorClient.PostGraphQLAsync("{ objects { id } }")).Data.GetProperty("objects")
                .GetArrayLength() > 0,
            "the objects' last positions are checkpointed");
        var objects = await operatorClient.PostGraphQLAsync("{ objects { id lastPosition { lon } } }");
        var ids = objects.Data.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("id").GetString())
            .ToArray();
        Assert.Contains("e2e-truck", ids);
        Assert.DoesNotContain("e2e-bad-lat", ids);
        Assert.DoesNotContain("e2e-local-time", ids);
        var truck = objects.Data.GetProperty("objects").EnumerateArray()
            .Single(o => o.GetProperty("id").GetString() == "e2e-truck");
        Assert.Equal(118.52, truck.GetProperty("lastPosition").GetProperty("lon").GetDouble());

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var live = await received.Reader.ReadAsync(timeout.Token);
        Assert.True(live.Seq > 0);
        var truckLive = Assert.Single(live.Positions);
        Assert.Equal("e2e-truck", truckLive.ObjectId);
        Assert.Equal(118.52, truckLive.Lon);
    }

    [Fact]
    public async Task Batch_sent_twice_is_stored_once_and_the_repeat_counted_as_duplicate()
    {
        using var ingest = await server.ClientAsync("ingest");
        var time = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O");
        var batch = new[] { new { objectId = "twice-bike", kind = "bike", time, lon = 116.4, lat = 39.9 } };

        var first = await ingest.PostAsJsonAsync("/api/ingest/positions", batch);
        var second = await ingest.PostAsJsonAsync("/api/ingest/positions", batch);

        var firstBody = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        var secondBody = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, firstBody.GetProperty("accepted").GetInt32());
        Assert.Equal(0, secondBody.GetProperty("accepted").GetInt32());
        Assert.Equal(1, secondBody.GetProperty("duplicates").GetInt32());
        using var operatorClient = await server.ClientAsync("operator");
        var track = await operatorClient.PostGraphQLAsync(
            "query($from: DateTimeOffset!, $to: DateTimeOffset!) " +
            "{ track(objectId: \"twice-bike\", from: $from, to: $to) { fixTime } }",
            new { from = DateTimeOffset.UtcNow.AddHours(-1), to = DateTimeOffset.UtcNow.AddHours(1) });
        Assert.Single(track.Data.GetProperty("track").EnumerateArray());
    }

    [Theory]
    [InlineData("this is not json", HttpStatusCode.BadRequest)]
    [InlineData("{\"positions\": 5}", HttpStatusCode.BadRequest)]
    [InlineData("42", HttpStatusCode.BadRequest)]
    public async Task Body_that_is_not_a_batch_is_refused_whole(string body, HttpStatusCode expected)
    {
        using var ingest = await server.ClientAsync("ingest");

        var reply = await ingest.PostAsync("/api/ingest/positions",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(expected, reply.StatusCode);
        Assert.Contains("detail", await reply.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_over_the_size_limit_is_refused_with_413()
    {
        using var ingest = await server.ClientAsync("ingest");
        var items = Enumerable.Range(0, 10_001).Select(_ => new { objectId = "x" }).ToArray();

        var reply = await ingest.PostAsJsonAsync("/api/ingest/positions", items);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, reply.StatusCode);
    }

    [Fact]
    public async Task Refused_items_are_counted_in_ingest_stats()
    {
        using var ingest = await server.ClientAsync("ingest");
        await ingest.PostAsJsonAsync("/api/ingest/positions",
            new[] { new { objectId = "stats", kind = "boat", time = DateTimeOffset.UtcNow.ToString("O"), lon = 1.0,
                lat = 1.0 } });

        using var operatorClient = await server.ClientAsync("operator");
        var stats = await operatorClient.PostGraphQLAsync(
            "{ ingestStats { rejections { source reason count } samples { reason input } } }");

        var counts = stats.Data.GetProperty("ingestStats").GetProperty("rejections").EnumerateArray()
            .Where(r => r.GetProperty("reason").GetString() == "unknown_object_kind")
            .Select(r => r.GetProperty("count").GetInt64())
            .ToArray();
        Assert.NotEmpty(counts);
        Assert.True(counts.Sum() >= 1);
        Assert.Contains(stats.Data.GetProperty("ingestStats").GetProperty("samples").EnumerateArray(),
            s => s.GetProperty("input").GetString()!.Contains("boat", StringComparison.Ordinal));
    }
}
