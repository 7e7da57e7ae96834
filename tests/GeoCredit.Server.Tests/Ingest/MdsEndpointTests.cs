using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GeoCredit.Testing;

namespace GeoCredit.Server.Tests.Ingest;

/// <summary>A bike operator pushing MDS 2.0 vehicle events and telemetry over HTTP.</summary>
public sealed class MdsEndpointTests(RunningServer server) : IClassFixture<RunningServer>
{
    private static string Event(Guid device, Guid provider, long timestamp, double lat, double lng) => $$"""
        {
          "device_id": "{{device}}", "provider_id": "{{provider}}", "event_id": "{{Guid.NewGuid()}}",
          "vehicle_state": "available", "event_types": ["trip_end"], "timestamp": {{timestamp}},
          "location": { "lat": {{lat}}, "lng": {{lng}}, "speed": 2.5, "horizontal_accuracy": 8 }
        }
        """;

    private HttpClient Provider(string token = RunningServer.MdsToken)
    {
        var http = server.Anonymous();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Events_push_keeps_good_records_and_lists_each_refused_one_with_its_reason()
    {
        var device = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var body = "[" + string.Join(",",
            Event(device, RunningServer.MdsProviderId, now - 60_000, 39.9087, 116.3975),
            Event(Guid.NewGuid(), Guid.NewGuid(), now - 50_000, 39.9, 116.4),
            Event(Guid.NewGuid(), RunningServer.MdsProviderId, now - 40_000, 139.9, 116.4)) + "]";
        using var http = Provider();

        var reply = await http.PostAsync("/api/mds/vehicles/events", Json(body));

        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        var result = JsonDocument.Parse(await reply.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, result.GetProperty("success").GetInt32());
        Assert.Equal(3, result.GetProperty("total").GetInt32());
        Assert.Equal([(1, "wrong_provider"), (2, "latitude_out_of_range")],
            result.GetProperty("failures").EnumerateArray()
                .Select(f => (f.GetProperty("index").GetInt32(), f.GetProperty("error").GetString())));

        using var operatorClient = await server.ClientAsync("operator");
        await Eventually.HoldsAsync(async () =>
        {
            var track = await operatorClient.PostGraphQLAsync(
                "query($id: ID!, $from: DateTimeOffset!, $to: DateTimeOffset!) " +
                "{ track(objectId: $id, from: $from, to: $to) { lat speedKmh source } }",
                new { id = device.ToString(), from = DateTimeOffset.UtcNow.AddHours(-1),
                    to = DateTimeOffset.UtcNow.AddHours(1) });
            return track.Data.GetProperty("track").GetArrayLength() == 1 &&
                track.Data.GetProperty("track")[0].GetProperty("speedKmh").GetDouble() == 9;
        }, "the good record is stored with its speed in km/h");
    }

    [Fact]
    public async Task Telemetry_push_is_stored_under_the_operator()
    {
        var device = Guid.NewGuid();
        var body = $$"""
            { "data": { "telemetry": [ {
              "device_id": "{{device}}", "provider_id": "{{RunningServer.MdsProviderId}}",
              "telemetry_id": "{{Guid.NewGuid()}}",
              "timestamp": {{DateTimeOffset.UtcNow.AddSeconds(-30).ToUnixTimeMilliseconds()}},
              "location": { "lat": 39.915, "lng": 116.404 }, "battery_percent": 80 } ] } }
            """;
        using var http = Provider();

        var reply = await http.PostAsync("/api/mds/vehicles/telemetry", Json(body));

        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        Assert.Equal(1, JsonDocument.Parse(await reply.Content.ReadAsStringAsync())
            .RootElement.GetProperty("success").GetInt32());
        using var operatorClient = await server.ClientAsync("operator");
        await Eventually.HoldsAsync(async () =>
        {
            var shares = await operatorClient.PostGraphQLAsync(
                "{ connectedShare(minutes: 10) { operatorId objects reporting } }");
            return shares.Data.GetProperty("connectedShare").EnumerateArray()
                .Any(s => s.GetProperty("operatorId").GetString() == "bikeco"
                    && s.GetProperty("reporting").GetInt64() >= 1);
        }, "the bike counts as the operator's and as reporting");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-token")]
    public async Task Push_without_the_providers_token_gets_401(string? token)
    {
        using var http = token is null ? server.Anonymous() : Provider(token);

        var reply = await http.PostAsync("/api/mds/vehicles/events", Json("[]"));

        Assert.Equal(HttpStatusCode.Unauthorized, reply.StatusCode);
    }

    [Fact]
    public async Task Push_that_is_not_json_gets_400_with_the_reason()
    {
        using var http = Provider();

        var reply = await http.PostAsync("/api/mds/vehicles/events", Json("{ nope"));

        Assert.Equal(HttpStatusCode.BadRequest, reply.StatusCode);
        Assert.Contains("not_json", await reply.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
