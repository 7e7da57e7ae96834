using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GeoCredit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GeoCredit.Server.Tests.Geofencing;

/// <summary>
/// The rules of the published cases end to end: positions in through the real ingest paths, grades set through
/// GraphQL, alerts and work orders out, against the demo zones in geodata/.
/// </summary>
public sealed class RuleScenarioTests(RunningServer server) : IClassFixture<RunningServer>
{
    // Grades hold from an hour ago, so that they cover the (slightly old) fixes the tests send.
    private async Task SetGradeAsync(string kind, string id, string scheme, string level, bool fromNow = false)
    {
        using var admin = await server.ClientAsync("admin");
        var reply = await admin.PostGraphQLAsync(
            "mutation($k: String!, $id: ID!, $s: String!, $l: String!, $from: DateTimeOffset) " +
            "{ setGrade(subjectKind: $k, subjectId: $id, scheme: $s, level: $l, source: \"test platform\", " +
            "reason: \"scenario\", validFrom: $from) { level } }",
            new { k = kind, id, s = scheme, l = level, from = fromNow ? (DateTimeOffset?)null
                : DateTimeOffset.UtcNow.AddHours(-1) });
        Assert.False(reply.HasErrors, reply.Body.ToString());
    }

    private async Task SendAsync(
        string objectId, string kind, double lon, double lat, int secondsAgo, double speed = 12.0)
    {
        using var ingest = await server.ClientAsync("ingest");
        var reply = await ingest.PostAsJsonAsync("/api/ingest/positions", new[]
        {
            new { objectId, kind, time = DateTimeOffset.UtcNow.AddSeconds(-secondsAgo).ToString("O"), lon, lat, speed,
                accuracy = 5.0 },
        });
        reply.EnsureSuccessStatusCode();
    }

    // Zone alerts of an object; the voyage plan rule, which every moving yacht here also meets, is asked for apart.
    private async Task<JsonElement[]> AlertsForAsync(string objectId, string? ruleId = null)
    {
        using var operatorClient = await server.ClientAsync("operator");
        var reply = await operatorClient.PostGraphQLAsync(
            "{ alerts(first: 1000) { id ruleId objectId zoneId severity gradeThen } }");
        return reply.Data.GetProperty("alerts").EnumerateArray()
            .Where(a => a.GetProperty("objectId").GetString() == objectId)
            .Where(a => ruleId is null
                ? a.GetProperty("ruleId").GetString() != "yacht-no-voyage-plan"
                : a.GetProperty("ruleId").GetString() == ruleId)
            .ToArray();
    }

    private async Task<JsonElement[]> OrdersAsync(string titleContains)
    {
        using var operatorClient = await server.ClientAsync("operator");
        var reply = await operatorClient.PostGraphQLAsync(
            "{ workOrders(first: 1000) { id title team company state } }");
        return reply.Data.GetProperty("workOrders").EnumerateArray()
            .Where(o => o.GetProperty("title").GetString()!.Contains(titleContains, StringComparison.Ordinal))
                .ToArray();
    }

    [Fact]
    public async Task C_class_yacht_entering_the_core_zone_raises_a_high_alert_and_a_patrol_order()
    {
        await SetGradeAsync("yacht", "yacht-c-1", "abc", "C");

        await SendAsync("yacht-c-1", "yacht", 121.470, 31.230, 60);
        await SendAsync("yacht-c-1", "yacht", 121.496, 31.236, 30);

        await Eventually.HoldsAsync(async () => (await AlertsForAsync("yacht-c-1")).Length == 1, "the alert is raised");
        var alert = (await AlertsForAsync("yacht-c-1")).Single();
        Assert.Equal("huangpu-c-yacht-core", alert.GetProperty("ruleId").GetString());
        Assert.Equal("High", alert.GetProperty("severity").GetString());
        Assert.Equal("abc:C", alert.GetProperty("gradeThen").GetString());
        await Eventually.HoldsAsync(
            async () => (await OrdersAsync("yacht-c-1")).Length == 1, "the patrol order is created");
        Assert.Equal("patrol", (await OrdersAsync("yacht-c-1")).Single().GetProperty("team").GetString());
        using var operatorClient = await server.ClientAsync("operator");
        await Eventually.HoldsAsync(async () =>
        {
            var events = await operatorClient.PostGraphQLAsync(
                "query($f: DateTimeOffset!, $t: DateTimeOffset!) " +
                "{ zoneEvents(objectId: \"yacht-c-1\", from: $f, to: $t) { zoneId kind } }",
                new { f = DateTimeOffset.UtcNow.AddHours(-1), t = DateTimeOffset.UtcNow.AddHours(1) });
            return events.Data.GetProperty("zoneEvents").EnumerateArray()
                .Any(e => e.GetProperty("zoneId").GetString() == "huangpu-core"
                    && e.GetProperty("kind").GetString() == "enter");
        }, "the entry is stored as a zone event");
    }

    [Fact]
    public async Task Yacht_downgraded_to_C_while_inside_the_core_zone_raises_the_alert_then()
    {
        await SetGradeAsync("yacht", "yacht-down-1", "abc", "A");
        await SendAsync("yacht-down-1", "yacht", 121.470, 31.230, 60);
        await SendAsync("yacht-down-1", "yacht", 121.497, 31.237, 30);
        await Eventually.HoldsAsync(async () =>
        {
            using var operatorClient = await server.ClientAsync("operator");
            var zones = await operatorClient.PostGraphQLAsync("{ zones(kind: \"core_zone\") { id occupancy } }");
            return zones.Data.GetProperty("zones")[0].GetProperty("occupancy").GetInt32() >= 1;
        }, "the A-class yacht is inside the core zone");
        Assert.Empty(await AlertsForAsync("yacht-down-1"));

        await SetGradeAsync("yacht", "yacht-down-1", "abc", "C", fromNow: true);

        await Eventually.HoldsAsync(async () => (await AlertsForAsync("yacht-down-1")).Length == 1,
            "the downgrade raises the alert without waiting for the next entry");
        Assert.Equal("abc:C", (await AlertsForAsync("yacht-down-1")).Single().GetProperty("gradeThen").GetString());
    }

    [Fact]
    public async Task B_class_yacht_already_inside_when_the_peak_window_opens_gets_the_peak_warning()
    {
        static string Zone(string windows) => $$"""
            { "type": "FeatureCollection", "features": [ { "type": "Feature",
              "properties": { "id": "test-core-peak", "name": "Test core zone", "kind": "core_zone",
                "owner_team": "patrol"{{windows}} },
              "geometry": { "type": "Polygon", "coordinates":
                [[[121.60, 31.30], [121.62, 31.30], [121.62, 31.32], [121.60, 31.32], [121.60, 31.30]]] } } ] }
            """;
        using var admin = await server.ClientAsync("admin");
        await admin.PostGraphQLAsync(
            "mutation($g: String!) { upsertZones(geojson: $g) { loaded } }", new { g = Zone("") });
        await SetGradeAsync("yacht", "yacht-b-peak", "abc", "B");
        await SendAsync("yacht-b-peak", "yacht", 121.59, 31.31, 60);
        await SendAsync("yacht-b-peak", "yacht", 121.61, 31.31, 30);
        await Eventually.HoldsAsync(async () =>
        {
            using var operatorClient = await server.ClientAsync("operator");
            var zones = await operatorClient.PostGraphQLAsync("{ zones(kind: \"core_zone\") { id occupancy } }");
            return zones.Data.GetProperty("zones").EnumerateArray()
                .Any(z => z.GetProperty("id").GetString() == "test-core-peak"
                    && z.GetProperty("occupancy").GetInt32() == 1);
        }, "the B-class yacht is inside, outside any window");
        Assert.Empty(await AlertsForAsync("yacht-b-peak"));

        await admin.PostGraphQLAsync("mutation($g: String!) { upsertZones(geojson: $g) { loaded } }",
            new { g = Zone(", \"time_windows\": [ { \"from\": \"00:00\", \"to\": \"23:59\" } ]") });
        server.Services.GetRequiredService<GeoCredit.Server.Geofencing.GeofencingService>().CheckTimeWindows();

        await Eventually.HoldsAsync(
            async () => (await AlertsForAsync("yacht-b-peak", "huangpu-b-yacht-peak")).Length == 1,
            "the peak warning once the window holds");
    }

    [Fact]
    public async Task Truck_whose_current_driver_is_red_entering_a_chemical_park_raises_an_alert()
    {
        await SetGradeAsync("vehicle", "truck-rd-1", "hazmat", "green");
        await SetGradeAsync("driver", "driver-rd-1", "hazmat", "red");
        using var admin = await server.ClientAsync("admin");
        var link = await admin.PostGraphQLAsync(
            "mutation($from: DateTimeOffset) { linkSubjects(subjectKind: \"vehicle\", subjectId: \"truck-rd-1\", " +
            "linkKind: \"driver\", targetKind: \"driver\", targetId: \"driver-rd-1\", validFrom: $from) }",
            new { from = DateTimeOffset.UtcNow.AddHours(-1) });
        Assert.False(link.HasErrors, link.Body.ToString());

        await SendAsync("truck-rd-1", "truck", 118.900, 38.010, 60);
        await SendAsync("truck-rd-1", "truck", 118.970, 38.015, 30);

        await Eventually.HoldsAsync(
            async () => (await AlertsForAsync("truck-rd-1")).Length == 1, "the red-driver alert");
        var alert = (await AlertsForAsync("truck-rd-1")).Single();
        Assert.Equal("dongying-red-chemical-park", alert.GetProperty("ruleId").GetString());
        Assert.Equal("hazmat:red", alert.GetProperty("gradeThen").GetString());
        await Eventually.HoldsAsync(
            async () => (await OrdersAsync("truck-rd-1")).Any(o => o.GetProperty("team").GetString() == "park_gate"),
            "the park gate team gets a work order");
    }

    [Fact]
    public async Task Green_truck_entering_a_chemical_park_raises_nothing()
    {
        await SetGradeAsync("vehicle", "truck-green-1", "hazmat", "green");

        await SendAsync("truck-green-1", "truck", 118.900, 38.010, 60);
        await SendAsync("truck-green-1", "truck", 118.971, 38.016, 30);
        await SendAsync("yacht-c-marker", "yacht", 121.470, 31.230, 20);
        await SetGradeAsync("yacht", "yacht-c-marker", "abc", "C");
        await SendAsync("yacht-c-marker", "yacht", 121.496, 31.236, 10);

        // The yacht's alert comes after the truck's fixes were judged: by then a truck alert would be there too.
        await Eventually.HoldsAsync(
            async () => (await AlertsForAsync("yacht-c-marker")).Length == 1, "the marker alert");
        Assert.Empty(await AlertsForAsync("truck-green-1"));
    }

    [Fact]
    public async Task Listed_vehicle_entering_a_border_port_alerts_the_ports_team()
    {
        await SetGradeAsync("vehicle", "truck-listed-1", "supervision", "listed");

        await SendAsync("truck-listed-1", "truck", 106.70, 22.01, 60);
        await SendAsync("truck-listed-1", "truck", 106.7502, 22.0101, 30);

        await Eventually.HoldsAsync(
            async () => (await AlertsForAsync("truck-listed-1")).Length == 1, "the listed alert");
        await Eventually.HoldsAsync(
            async () => (await OrdersAsync("truck-listed-1"))
                .Any(o => o.GetProperty("team").GetString() == "pingxiang_port"),
            "the port's team gets a work order");
    }

    [Fact]
    public async Task Yacht_under_way_without_an_approved_voyage_plan_raises_an_alert_and_one_with_a_plan_does_not()
    {
        using var club = await server.ClientAsync("company");
        using var operatorClient = await server.ClientAsync("operator");
        var filed = await club.PostGraphQLAsync(
            "mutation($d: DateTimeOffset!, $a: DateTimeOffset!) " +
            "{ fileVoyagePlan(yachtId: \"yacht-planned-1\", departure: $d, arrival: $a, " +
            "route: \"Bund loop\") { id state } }",
            new { d = DateTimeOffset.UtcNow.AddHours(-1), a = DateTimeOffset.UtcNow.AddHours(2) });
        var id = filed.Data.GetProperty("fileVoyagePlan").GetProperty("id").GetString();
        var approved = await operatorClient.PostGraphQLAsync(
            "mutation($id: ID!) { decideVoyagePlan(id: $id, approve: true) { state } }", new { id });
        Assert.Equal("Approved", approved.Data.GetProperty("decideVoyagePlan").GetProperty("state").GetString());

        await SendAsync("yacht-planned-1", "yacht", 121.470, 31.230, 40);
        await SendAsync("yacht-unplanned-1", "yacht", 121.470, 31.230, 30);

        await Eventually.HoldsAsync(
            async () => (await AlertsForAsync("yacht-unplanned-1", "yacht-no-voyage-plan")).Length == 1,
            "the unplanned yacht's alert");
        Assert.Empty(await AlertsForAsync("yacht-planned-1", "yacht-no-voyage-plan"));
    }

    [Fact]
    public async Task Truck_over_the_road_limit_for_more_than_a_minute_raises_a_speeding_alert_once()
    {
        await SendAsync("truck-fast-1", "truck", 118.60, 37.50, 240, speed: 98);
        await SendAsync("truck-fast-1", "truck", 118.61, 37.50, 180, speed: 101);
        await SendAsync("truck-fast-1", "truck", 118.62, 37.50, 120, speed: 99);
        await SendAsync("truck-fast-1", "truck", 118.63, 37.50, 60, speed: 97);

        await Eventually.HoldsAsync(
            async () => (await AlertsForAsync("truck-fast-1")).Length == 1, "the speeding alert");
        Assert.Equal(
            "hazmat-speeding", (await AlertsForAsync("truck-fast-1")).Single().GetProperty("ruleId").GetString());
    }

    [Fact]
    public async Task C_class_vessel_at_a_berth_alerts_and_costs_its_terminal_in_the_monthly_rating()
    {
        await SetGradeAsync("vessel", "413999001", "abc", "C");

        await SendAsync("413999001", "vessel", 119.770, 34.455, 60);
        await SendAsync("413999001", "vessel", 119.783, 34.4615, 30);

        await Eventually.HoldsAsync(async () => (await AlertsForAsync("413999001")).Length == 1, "the berth alert");
        Assert.Equal(
            "guanhe-c-vessel-berth", (await AlertsForAsync("413999001")).Single().GetProperty("ruleId").GetString());
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        using var operatorClient = await server.ClientAsync("operator");
        var rating = await operatorClient.PostGraphQLAsync(
            "mutation($y: Int!, $m: Int!) { rateTerminals(year: $y, month: $m) { subject points level } }",
            new { y = now.Year, m = now.Month });
        var guanhe = rating.Data.GetProperty("rateTerminals").EnumerateArray()
            .Single(l => l.GetProperty("subject").GetString() == "terminal:guanhe_terminal");
        Assert.Equal(5m, guanhe.GetProperty("points").GetDecimal());
        Assert.Equal("blue", guanhe.GetProperty("level").GetString());
    }

    [Fact]
    public async Task Vessel_entering_the_lock_approach_raises_a_lock_arrival_event_carrying_its_grade()
    {
        await SetGradeAsync("vessel", "413000001", "anqing", "green");
        await SendAsync("413000001", "vessel", 117.000, 30.495, 60);
        await SendAsync("413000001", "vessel", 117.030, 30.497, 30);

        await Eventually.HoldsAsync(async () => (await AlertsForAsync("413000001")).Length == 1, "the arrival event");
        var arrival = (await AlertsForAsync("413000001")).Single();
        Assert.Equal("anqing-lock-arrival", arrival.GetProperty("ruleId").GetString());
        Assert.Equal("Info", arrival.GetProperty("severity").GetString());
        Assert.Equal("anqing:green", arrival.GetProperty("gradeThen").GetString());
    }

    [Fact]
    public async Task Bike_parked_outside_a_permitted_zone_gets_an_order_that_verifies_itself_once_the_bike_is_in_one()
    {
        var device = Guid.NewGuid();
        using var provider = server.Anonymous();
        provider.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", RunningServer.MdsToken);
        async Task PushAsync(int secondsAgo, double lat, double lng)
        {
            var body = $$"""
                [{ "device_id": "{{device}}", "provider_id": "{{RunningServer.MdsProviderId}}",
                   "telemetry_id": "{{Guid.NewGuid()}}",
                   "timestamp": {{DateTimeOffset.UtcNow.AddSeconds(-secondsAgo).ToUnixTimeMilliseconds()}},
                   "location": { "lat": {{lat}}, "lng": {{lng}}, "horizontal_accuracy": 4 } }]
                """;
            (await provider.PostAsync(
                "/api/mds/vehicles/telemetry", new StringContent(body, Encoding.UTF8, "application/json")))
                .EnsureSuccessStatusCode();
        }

        // Standing on a pavement inside the operating area, in no parking zone, for twelve minutes.
        await PushAsync(900, 39.9150, 116.4050);
        await PushAsync(180, 39.91501, 116.40501);
        await Eventually.HoldsAsync(
            async () => (await OrdersAsync(device.ToString())).Length == 1, "the parking order");
        var order = (await OrdersAsync(device.ToString())).Single();
        Assert.Equal("bikeco", order.GetProperty("company").GetString());

        using var company = await server.ClientAsync("company");
        var id = order.GetProperty("id").GetString();
        await company.PostGraphQLAsync("mutation($id: ID!) { acceptWorkOrder(id: $id) { state } }", new { id });
        var resolved = await company.PostGraphQLAsync(
            "mutation($id: ID!) { resolveWorkOrder(id: $id, note: \"Moved to Wangfujing south parking\") { state } }",
            new { id });
        Assert.Equal("Resolved", resolved.Data.GetProperty("resolveWorkOrder").GetProperty("state").GetString());

        await PushAsync(60, 39.90915, 116.41075);

        await Eventually.HoldsAsync(async () =>
            (await OrdersAsync(device.ToString())).Single().GetProperty("state").GetString() == "Verified",
            "the order verifies itself when the bike is in the parking zone");
    }

    [Fact]
    public async Task Bike_pushed_by_its_operator_into_a_no_parking_zone_gets_an_order_for_that_operator()
    {
        var device = Guid.NewGuid();
        using var provider = server.Anonymous();
        provider.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", RunningServer.MdsToken);
        string Telemetry(int secondsAgo, double lat, double lng) => $$"""
            { "device_id": "{{device}}", "provider_id": "{{RunningServer.MdsProviderId}}",
              "telemetry_id": "{{Guid.NewGuid()}}",
              "timestamp": {{DateTimeOffset.UtcNow.AddSeconds(-secondsAgo).ToUnixTimeMilliseconds()}},
              "location": { "lat": {{lat}}, "lng": {{lng}}, "horizontal_accuracy": 4 } }
            """;

        var reply = await provider.PostAsync("/api/mds/vehicles/telemetry", new StringContent(
            "[" + Telemetry(60, 39.8990, 116.3925) + "," + Telemetry(30, 39.9040, 116.3925) + "]", Encoding.UTF8,
            "application/json"));
        reply.EnsureSuccessStatusCode();

        await Eventually.HoldsAsync(
            async () => (await OrdersAsync(device.ToString())).Length == 1, "the operator's order");
        Assert.Equal("bikeco", (await OrdersAsync(device.ToString())).Single().GetProperty("company").GetString());
    }
}
