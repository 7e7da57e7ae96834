using GeoCredit.Core.Geofencing;

namespace GeoCredit.Core.Tests.Geofencing;

public sealed class GeoJsonZoneReaderTests
{
    private const string Collection = """
        {
          "type": "FeatureCollection",
          "features": [
            {
              "type": "Feature",
              "properties": {
                "id": "fence-1", "name": "Wangfujing north", "kind": "parking", "capacity": 30,
                "owner_team": "dongcheng-street", "district": "Dongcheng", "priority": 2,
                "time_windows": [{ "days": ["mon", "tue", "wed", "thu", "fri"], "from": "07:00", "to": "20:00" }]
              },
              "geometry": { "type": "Polygon", "coordinates": [[
                [116.41, 39.91], [116.411, 39.91], [116.411, 39.9105], [116.41, 39.9105], [116.41, 39.91]
              ]] }
            },
            {
              "type": "Feature", "id": 42,
              "properties": { "kind": "chemical_park", "speed_limit_kmh": 30, "radius_m": 500 },
              "geometry": { "type": "Point", "coordinates": [118.5, 37.4] }
            },
            {
              "type": "Feature",
              "properties": { "id": "circle-without-radius", "kind": "anchorage" },
              "geometry": { "type": "Point", "coordinates": [117.05, 30.5] }
            },
            {
              "type": "Feature",
              "properties": { "id": "lock-approach", "kind": "lock_approach", "width_m": 120 },
              "geometry": { "type": "LineString", "coordinates": [[117.0, 30.5], [117.02, 30.51]] }
            },
            {
              "type": "Feature",
              "properties": { "id": "bad-kind", "kind": "parking_lot" },
              "geometry": { "type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]] }
            },
            {
              "type": "Feature",
              "properties": { "id": "north-of-the-pole", "kind": "port" },
              "geometry": { "type": "Polygon", "coordinates": [[[116, 39], [117, 39], [117, 95], [116, 39]]] }
            },
            {
              "type": "Feature",
              "properties": { "id": "bow-tie", "kind": "no_parking" },
              "geometry": { "type": "Polygon", "coordinates": [[
                [116.4, 39.9], [116.401, 39.901], [116.401, 39.9], [116.4, 39.901], [116.4, 39.9]
              ]] }
            },
            {
              "type": "Feature",
              "properties": { "id": "fence-1", "kind": "parking", "radius_m": 10 },
              "geometry": { "type": "Point", "coordinates": [116.4, 39.9] }
            },
            { "type": "Point", "coordinates": [0, 0] },
            {
              "type": "Feature",
              "properties": { "id": "core", "kind": "core_zone", "version": 3 },
              "geometry": { "type": "MultiPolygon", "coordinates": [
                [[[121.48, 31.23], [121.49, 31.23], [121.49, 31.24], [121.48, 31.24], [121.48, 31.23]]],
                [[[121.50, 31.23], [121.51, 31.23], [121.51, 31.24], [121.50, 31.24], [121.50, 31.23]]]
              ] }
            }
          ]
        }
        """;

    [Fact]
    public void Read_loads_good_features_and_reports_each_bad_one_by_index()
    {
        var result = GeoJsonZoneReader.Read(Collection);

        Assert.Equal(["fence-1", "42", "lock-approach", "bow-tie", "core"], result.Zones.Select(z => z.Id));
        Assert.Equal([2, 4, 5, 7, 8], result.Errors.Select(e => e.FeatureIndex));
        Assert.Contains("radius_m", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("parking_lot", result.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("outside WGS 84", result.Errors[2].Message, StringComparison.Ordinal);
        Assert.Equal("north-of-the-pole", result.Errors[2].ZoneId);
        Assert.Contains("already used", result.Errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("not a GeoJSON Feature", result.Errors[4].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_keeps_kind_attributes_time_windows_and_other_properties()
    {
        var fence = GeoJsonZoneReader.Read(Collection).Zones[0];

        Assert.Equal("Wangfujing north", fence.Name);
        Assert.Equal(ZoneKind.Parking, fence.Kind);
        Assert.Equal(30, fence.Attributes.Capacity);
        Assert.Equal("dongcheng-street", fence.Attributes.OwnerTeam);
        Assert.Equal("Dongcheng", fence.Attributes.Properties["district"]);
        Assert.Equal("2", fence.Attributes.Properties["priority"]);
        var window = Assert.Single(fence.Attributes.TimeWindows);
        Assert.Equal(new ZoneTimeWindow(WeekDays.Weekdays, new TimeOnly(7, 0), new TimeOnly(20, 0)), window);
        Assert.True(fence.Attributes.AppliesAt(new DateTime(2025, 5, 2, 8, 0, 0)));
        Assert.False(fence.Attributes.AppliesAt(new DateTime(2025, 5, 3, 8, 0, 0)));
    }

    [Fact]
    public void Read_turns_a_point_with_radius_into_a_circle_and_a_line_with_width_into_a_corridor()
    {
        var zones = GeoJsonZoneReader.Read(Collection).Zones;

        var park = zones.Single(z => z.Id == "42");
        Assert.Equal(ZoneKind.ChemicalPark, park.Kind);
        Assert.Equal(30, park.Attributes.SpeedLimitKmh);
        Assert.Equal(new CircleShape(118.5, 37.4, 500), park.Shape);
        var approach = zones.Single(z => z.Id == "lock-approach");
        var corridor = Assert.IsType<CorridorShape>(approach.Shape);
        Assert.Equal(120, corridor.WidthM);
        Assert.Equal(2, corridor.Line.NumPoints);
        Assert.True(approach.Geometry.IsValid);
    }

    [Fact]
    public void Read_point_without_radius_fails_but_point_with_radius_loads()
    {
        var result = GeoJsonZoneReader.Read(Collection);

        Assert.IsType<CircleShape>(result.Zones.Single(z => z.Id == "42").Shape);
        Assert.Equal("circle-without-radius", result.Errors[0].ZoneId);
    }

    [Fact]
    public void Read_repaired_geometry_loads_with_a_warning_and_multipolygon_keeps_version()
    {
        var result = GeoJsonZoneReader.Read(Collection);

        var warning = Assert.Single(result.Warnings, w => w.ZoneId == "bow-tie");
        Assert.Equal(6, warning.FeatureIndex);
        Assert.Contains("repaired", warning.Message, StringComparison.Ordinal);
        var core = result.Zones.Single(z => z.Id == "core");
        Assert.Equal(2, core.Geometry.NumGeometries);
        Assert.Equal(3, core.Version);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"type": "Feature"}""")]
    [InlineData("""{"type": "FeatureCollection"}""")]
    [InlineData("[]")]
    public void Read_document_that_is_no_feature_collection_gives_one_error_and_no_zones(string json)
    {
        var result = GeoJsonZoneReader.Read(json);

        Assert.Empty(result.Zones);
        Assert.Equal(-1, Assert.Single(result.Errors).FeatureIndex);
    }

    [Fact]
    public void Read_feature_with_bad_attribute_values_fails_alone()
    {
        const string json = """
            { "type": "FeatureCollection", "features": [
              { "type": "Feature", "properties": { "id": "a", "kind": "berth", "capacity": -1 },
                "geometry": { "type": "Point", "coordinates": [120, 34], "x": 1 } },
              { "type": "Feature", "properties": { "id": "b", "kind": "berth", "radius_m": "wide" },
                "geometry": { "type": "Point", "coordinates": [120, 34] } },
              { "type": "Feature", "properties": { "id": "c", "kind": "berth", "radius_m": 50,
                  "time_windows": [{ "from": "7am", "to": "09:00" }] },
                "geometry": { "type": "Point", "coordinates": [120, 34] } },
              { "type": "Feature", "properties": { "id": "d", "kind": "berth", "radius_m": 50 },
                "geometry": { "type": "Point", "coordinates": [120] } },
              { "type": "Feature", "properties": { "id": "e", "kind": "Berth", "radius_m": 50 },
                "geometry": { "type": "Point", "coordinates": [120, 34] } }
            ] }
            """;

        var result = GeoJsonZoneReader.Read(json);

        Assert.Equal("e", Assert.Single(result.Zones).Id);
        Assert.Equal(["a", "b", "c", "d"], result.Errors.Select(e => e.ZoneId));
    }
}
