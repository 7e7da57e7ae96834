using System.Text.Json;
using GeoCredit.Core.Tracking;
using GeoCredit.Simulator.Feeds;
using GeoCredit.Simulator.Scenarios;
using GeoCredit.Testing;

namespace GeoCredit.Server.Tests.Ingest;

/// <summary>Real terminals on real sockets against the server's JT/T 808 listener.</summary>
public sealed class Jt808ListenerTests(RunningServer server) : IClassFixture<RunningServer>
{
    private static readonly CancellationToken Timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    private async Task<Jt808Terminal> ConnectAsync(string terminal) =>
        await Jt808Terminal.ConnectAsync("127.0.0.1", await server.Jt808PortAsync(), terminal, Timeout);

    private static SimulatedFix Fix(string id, int secondsAgo, double lon, double lat) =>
        new(id, ObjectKind.Truck, DateTimeOffset.UtcNow.AddSeconds(-secondsAgo), lon, lat, 62.5, 91);

    private async Task<JsonElement> TrackAsync(string objectId)
    {
        using var operatorClient = await server.ClientAsync("operator");
        var reply = await operatorClient.PostGraphQLAsync(
            "query($id: ID!, $from: DateTimeOffset!, $to: DateTimeOffset!) " +
            "{ track(objectId: $id, from: $from, to: $to) { lon lat speedKmh course source } }",
            new { id = objectId, from = DateTimeOffset.UtcNow.AddHours(-1), to = DateTimeOffset.UtcNow.AddHours(1) });
        return reply.Data.GetProperty("track");
    }

    [Fact]
    public async Task Known_terminal_registers_authenticates_reports_and_is_answered_and_stored()
    {
        await using var terminal = await ConnectAsync("13800000001");

        var registration = await terminal.RegisterAsync("LU-E0001", Timeout);
        var authentication = await terminal.AuthenticateAsync(registration.AuthCode!, Timeout);
        var heartbeat = await terminal.HeartbeatAsync(Timeout);
        var first = await terminal.ReportAsync(Fix("x", 20, 118.6123, 37.4567), Timeout);
        var second = await terminal.ReportAsync(Fix("x", 10, 118.6130, 37.4570), Timeout);

        Assert.Equal((0x8100, (byte)0), (registration.MessageId, registration.Result));
        Assert.False(string.IsNullOrEmpty(registration.AuthCode));
        Assert.Equal((0x8001, (byte)0), (authentication.MessageId, authentication.Result));
        Assert.Equal(0, heartbeat.Result);
        Assert.Equal(0, first.Result);
        Assert.Equal(0, second.Result);
        await Eventually.HoldsAsync(async () => (await TrackAsync("truck-jt-1")).GetArrayLength() == 2,
            "both reports are stored for the terminal's vehicle");
        var track = await TrackAsync("truck-jt-1");
        Assert.Equal(118.6123, track[0].GetProperty("lon").GetDouble(), precision: 6);
        Assert.Equal(37.4570, track[1].GetProperty("lat").GetDouble(), precision: 6);
        Assert.Equal(62.5, track[0].GetProperty("speedKmh").GetDouble(), precision: 3);
        Assert.Equal("JT808", track[0].GetProperty("source").GetString());
    }

    [Fact]
    public async Task Unknown_terminal_is_refused_registration_and_its_reports_are_not_stored()
    {
        await using var terminal = await ConnectAsync("13999999999");

        var registration = await terminal.RegisterAsync("LU-X9999", Timeout);
        var authentication = await terminal.AuthenticateAsync("guessed-code", Timeout);
        var report = await terminal.ReportAsync(Fix("x", 5, 118.6, 37.4), Timeout);

        Assert.Equal((0x8100, (byte)4), (registration.MessageId, registration.Result));
        Assert.Equal(1, authentication.Result);
        Assert.Equal(1, report.Result);
        Assert.True(await StatsCountAsync("unauthenticated_terminal") >= 1);
    }

    [Fact]
    public async Task Known_terminal_with_a_wrong_auth_code_cannot_report()
    {
        await using var terminal = await ConnectAsync("13800000002");

        var authentication = await terminal.AuthenticateAsync("not-the-code", Timeout);
        var report = await terminal.ReportAsync(Fix("x", 5, 118.6, 37.4), Timeout);

        Assert.Equal(1, authentication.Result);
        Assert.Equal(1, report.Result);
        Assert.Equal(0, (await TrackAsync("truck-jt-2")).GetArrayLength());
    }

    [Fact]
    public async Task Peer_sending_garbage_is_disconnected_while_a_good_terminal_goes_on()
    {
        await using var good = await ConnectAsync("13800000002");
        var registration = await good.RegisterAsync("LU-E0002", Timeout);
        await good.AuthenticateAsync(registration.AuthCode!, Timeout);
        await using var bad = await ConnectAsync("13800000009");

        // Frames with a wrong check code, one after another: the listener gives up on this peer after five.
        for (var i = 0; i < 5; i++)
        {
            await bad.SendRawAsync(
                [0x7e, 0x00, 0x02, 0x00, 0x00, 0x01, 0x38, 0x00, 0x00, 0x00, 0x09, 0x00, 0x01, 0xFF, 0x7e], Timeout);
        }

        Assert.True(await bad.IsClosedByPlatformAsync(Timeout));
        var report = await good.ReportAsync(Fix("x", 3, 118.65, 37.48), Timeout);
        Assert.Equal(0, report.Result);
        Assert.True(await StatsCountAsync("bad_check_code") >= 5);
    }

    private async Task<long> StatsCountAsync(string reason)
    {
        using var operatorClient = await server.ClientAsync("operator");
        var stats = await operatorClient.PostGraphQLAsync("{ ingestStats { rejections { source reason count } } }");
        return stats.Data.GetProperty("ingestStats").GetProperty("rejections").EnumerateArray()
            .Where(r => r.GetProperty("source").GetString() == "JT808" && r.GetProperty("reason").GetString() == reason)
            .Sum(r => r.GetProperty("count").GetInt64());
    }
}
