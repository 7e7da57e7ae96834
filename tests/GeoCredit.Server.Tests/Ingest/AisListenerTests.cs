using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using GeoCredit.Server.Ingest.Ais;
using GeoCredit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GeoCredit.Server.Tests.Ingest;

/// <summary>AIS sentences over real TCP and UDP sockets into the server's listeners.</summary>
public sealed class AisListenerTests(RunningServer server) : IClassFixture<RunningServer>
{
    // gpsd test/sample.aivdm (BSD-2-Clause): type 1 of MMSI 371798000 and 366053209, and a two-part type 5.
    private const string Type1 = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";
    private const string OtherType1 = "!AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0*5C";
    private const string Type5Part1 =
        "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C";
    private const string Type5Part2 = "!AIVDM,2,2,1,A,88888888880,2*25";

    private async Task<JsonElement> QueryAsync(string query, object? variables = null)
    {
        using var operatorClient = await server.ClientAsync("operator");
        var reply = await operatorClient.PostGraphQLAsync(query, variables);
        return reply.Data;
    }

    private async Task<int> TrackCountAsync(string objectId)
    {
        var data = await QueryAsync(
            "query($id: ID!, $from: DateTimeOffset!, $to: DateTimeOffset!) " +
            "{ track(objectId: $id, from: $from, to: $to) { lon } }",
            new { id = objectId, from = DateTimeOffset.UtcNow.AddHours(-1), to = DateTimeOffset.UtcNow.AddHours(1) });
        return data.GetProperty("track").GetArrayLength();
    }

    private async Task<long> RejectionsAsync(string reason)
    {
        var data = await QueryAsync("{ ingestStats { rejections { source reason count } } }");
        return data.GetProperty("ingestStats").GetProperty("rejections").EnumerateArray()
            .Where(r => r.GetProperty("source").GetString() == "AIS" && r.GetProperty("reason").GetString() == reason)
            .Sum(r => r.GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task Tcp_sentences_are_stored_and_static_data_updates_the_vessel_while_bad_lines_are_counted()
    {
        var port = (await server.Services.GetRequiredService<AisTcpServer>().LocalEndPoint).Port;
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();

        var lines = string.Join(
            "\r\n", Type1, "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*00", Type5Part1, Type5Part2, "garbage") +
            "\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(lines));

        await Eventually.HoldsAsync(async () => await TrackCountAsync("371798000") == 1, "the type 1 fix is stored");
        await Eventually.HoldsAsync(async () =>
            (await QueryAsync("{ vessel(mmsi: \"351759000\") { name } }")).GetProperty("vessel")
                .ValueKind == JsonValueKind.Object,
            "the type 5 static data is known");
        var vessel = (await QueryAsync(
                "{ vessel(mmsi: \"351759000\") { name callSign imo shipType length beam draught destination } }"))
            .GetProperty("vessel");
        Assert.Equal("EVER DIADEM", vessel.GetProperty("name").GetString());
        Assert.Equal("3FOF8", vessel.GetProperty("callSign").GetString());
        Assert.Equal(9134270, vessel.GetProperty("imo").GetInt32());
        Assert.Equal(295, vessel.GetProperty("length").GetInt32());
        Assert.Equal(32, vessel.GetProperty("beam").GetInt32());
        Assert.Equal("NEW YORK", vessel.GetProperty("destination").GetString());
        Assert.True(await RejectionsAsync("bad_checksum") >= 1);
        Assert.True(await RejectionsAsync("not_aivdm") >= 1);
    }

    [Fact]
    public async Task Tcp_peer_that_keeps_sending_garbage_is_disconnected_and_only_that_peer()
    {
        var port = (await server.Services.GetRequiredService<AisTcpServer>().LocalEndPoint).Port;
        using var good = new TcpClient();
        await good.ConnectAsync("127.0.0.1", port);
        using var bad = new TcpClient();
        await bad.ConnectAsync("127.0.0.1", port);

        await bad.GetStream()
            .WriteAsync(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("$GPGGA,nonsense*00\n", 5))));
        var read = await bad.GetStream().ReadAsync(new byte[16]).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        await good.GetStream().WriteAsync(Encoding.ASCII.GetBytes(OtherType1 + "\n"));

        Assert.Equal(0, read);
        await Eventually.HoldsAsync(async () => await TrackCountAsync("366053209") == 1,
            "the good peer's sentence is stored after the bad peer was cut off");
    }

    [Fact]
    public async Task Udp_datagram_of_sentences_is_stored()
    {
        var port = (await server.Services.GetRequiredService<AisUdpListener>().LocalEndPoint).Port;
        using var udp = new UdpClient();

        // gpsd test/sample.aivdm, type 3 of MMSI 563808000.
        await udp.SendAsync(
            Encoding.ASCII.GetBytes("!AIVDM,1,1,,A,38Id705000rRVJhE7cl9n;160000,0*40\r\n"), "127.0.0.1", port);

        await Eventually.HoldsAsync(async () => await TrackCountAsync("563808000") == 1, "the UDP fix is stored");
    }

    [Fact]
    public async Task Feed_that_drops_is_dialled_again_and_what_it_sends_after_is_stored()
    {
        var feed = server.Services.GetServices<IHostedService>().OfType<AisFeedClient>().Single();

        using (var first = await server.AisFeed.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(30)))
        {
            // gpsd test/sample.aivdm, type 2 of MMSI 356302000.
            await first.GetStream()
                .WriteAsync(Encoding.ASCII.GetBytes("!AIVDM,1,1,,B,25Cjtd0Oj;Jp7ilG7=UkKBoB0<06,0*60\n"));
            await Eventually.HoldsAsync(
                async () => await TrackCountAsync("356302000") == 1, "the first connection's fix");
        }

        using var second = await server.AisFeed.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await second.GetStream()
            .WriteAsync(Encoding.ASCII.GetBytes("!AIVDM,1,1,,A,B52K>;h00Fc>jpUlNV@ikwpUoP06,0*4C\n"));

        await Eventually.HoldsAsync(
            async () => await TrackCountAsync("338087471") == 1, "the fix sent after reconnecting");
        Assert.True(feed.Connections >= 2);
    }
}
