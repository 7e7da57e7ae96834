using GeoCredit.Testing;

namespace GeoCredit.Server.Tests.Geofencing;

/// <summary>Administrators change zones through GraphQL: at once, without a restart, and kept across one.</summary>
public sealed class ZoneManagementTests
{
    private const string NewZone = """
        { "type": "FeatureCollection", "features": [ { "type": "Feature",
          "properties": { "id": "test-park-2", "name": "Test chemical park", "kind": "chemical_park",
            "owner_team": "park_gate" },
          "geometry": { "type": "Polygon", "coordinates":
            [[[118.10, 37.10], [118.12, 37.10], [118.12, 37.12], [118.10, 37.12], [118.10, 37.10]]] } } ] }
        """;

    private const string BadZone = """
        { "type": "FeatureCollection", "features": [ { "type": "Feature",
          "properties": { "id": "test-bad", "name": "Off the globe", "kind": "port" },
          "geometry": { "type": "Polygon", "coordinates":
            [[[118.1, 95.0], [118.2, 95.0], [118.2, 96.0], [118.1, 95.0]]] } } ] }
        """;

    [Fact]
    public async Task Zone_added_or_removed_by_an_admin_applies_at_once_survives_a_restart_and_a_bad_one_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var first = await RunningServer.StartOnAsync(database))
        {
            using var admin = await first.ClientAsync("admin");
            using var field = await first.ClientAsync("field");

            var added = await admin.PostGraphQLAsync(
                "mutation($g: String!) { upsertZones(geojson: $g) { loaded errors } }",
                new { g = NewZone });
            var refused = await admin.PostGraphQLAsync(
                "mutation($g: String!) { upsertZones(geojson: $g) { loaded errors } }",
                new { g = BadZone });
            var byField = await field.PostGraphQLAsync("mutation($g: String!) { upsertZones(geojson: $g) { loaded } }",
                new { g = NewZone });

            Assert.Equal(1, added.Data.GetProperty("upsertZones").GetProperty("loaded").GetInt32());
            Assert.Equal(0, refused.Data.GetProperty("upsertZones").GetProperty("loaded").GetInt32());
            Assert.NotEmpty(refused.Data.GetProperty("upsertZones").GetProperty("errors").EnumerateArray());
            Assert.Equal(["FORBIDDEN"], byField.ErrorCodes);
            Assert.Contains("test-park-2", await ZoneIdsAsync(first));
        }

        await using (var second = await RunningServer.StartOnAsync(database))
        {
            Assert.Contains("test-park-2", await ZoneIdsAsync(second));
            Assert.Contains("dongying-port-chem", await ZoneIdsAsync(second));

            using var admin = await second.ClientAsync("admin");
            var removed = await admin.PostGraphQLAsync(
                "mutation { removeZones(ids: [\"test-park-2\", \"no-such-zone\"]) }");
            Assert.Equal(["test-park-2"],
                removed.Data.GetProperty("removeZones").EnumerateArray().Select(z => z.GetString()));
            Assert.DoesNotContain("test-park-2", await ZoneIdsAsync(second));
        }

        await using var third = await RunningServer.StartOnAsync(database);
        Assert.DoesNotContain("test-park-2", await ZoneIdsAsync(third));
    }

    private static async Task<string[]> ZoneIdsAsync(RunningServer server)
    {
        using var operatorClient = await server.ClientAsync("operator");
        var zones = await operatorClient.PostGraphQLAsync("{ zones { id } }");
        return zones.Data.GetProperty("zones").EnumerateArray().Select(z => z.GetProperty("id").GetString()!).ToArray();
    }
}
