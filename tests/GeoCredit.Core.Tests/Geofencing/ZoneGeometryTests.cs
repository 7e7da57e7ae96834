using GeoCredit.Core.Geofencing;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using static GeoCredit.Core.Tests.Geofencing.GeoTestData;

namespace GeoCredit.Core.Tests.Geofencing;

public sealed class ZoneGeometryTests
{
    [Fact]
    public void Validate_bow_tie_polygon_is_repaired_into_its_two_lobes_with_a_warning()
    {
        var bowTie = ZoneGeometry.Factory.CreatePolygon(
            [At(0, 0), At(100, 100), At(100, 0), At(0, 100), At(0, 0)]);

        var result = ZoneGeometry.Validate(bowTie);

        Assert.True(result.Succeeded, result.Error);
        Assert.True(result.Geometry.IsValid);
        Assert.Equal(2, result.Geometry.NumGeometries);
        var lobes = Box(0, 0, 100, 100).Area / 2;
        Assert.Equal(lobes, result.Geometry.Area, lobes * 1e-6);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("repaired into 2 parts", warning, StringComparison.Ordinal);
        Assert.Contains("Self-intersection", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_clockwise_exterior_ring_is_turned_counter_clockwise_and_said()
    {
        var clockwise = (Polygon)Box(0, 0, 100, 50).Reverse();

        var result = ZoneGeometry.Validate(clockwise);

        Assert.True(result.Succeeded, result.Error);
        Assert.True(Orientation.IsCCW(((Polygon)result.Geometry).Shell.CoordinateSequence));
        Assert.Contains(result.Warnings, w => w.Contains("clockwise", StringComparison.Ordinal));
        Assert.Equal(clockwise.Area, result.Geometry.Area, 1e-15);
    }

    [Fact]
    public void Validate_counter_clockwise_hole_is_turned_clockwise()
    {
        var polygon = ZoneGeometry.Factory.CreatePolygon(Box(0, 0, 100, 100).Shell, [Box(40, 40, 60, 60).Shell]);

        var result = ZoneGeometry.Validate(polygon);

        Assert.True(result.Succeeded, result.Error);
        Assert.False(Orientation.IsCCW(((Polygon)result.Geometry).Holes[0].CoordinateSequence));
        Assert.Contains(result.Warnings, w => w.Contains("hole", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_good_polygon_passes_unchanged_without_warnings()
    {
        var square = Box(0, 0, 100, 100);

        var result = ZoneGeometry.Validate(square);

        Assert.True(result.Succeeded);
        Assert.Empty(result.Warnings);
        Assert.True(square.EqualsExact(result.Geometry));
    }

    [Fact]
    public void Validate_latitude_95_is_refused_with_the_coordinate()
    {
        var polygon = ZoneGeometry.Factory.CreatePolygon(
        [
            new Coordinate(116, 39), new Coordinate(117, 39), new Coordinate(117, 95), new Coordinate(116, 39),
        ]);

        var result = ZoneGeometry.Validate(polygon);

        Assert.False(result.Succeeded);
        Assert.Null(result.Geometry);
        Assert.Contains("(117, 95) is outside WGS 84", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_overlapping_parts_are_refused_because_a_repair_would_lose_area()
    {
        var overlapping = ZoneGeometry.Factory.CreateMultiPolygon([Box(0, 0, 100, 100), Box(50, 0, 150, 100)]);

        var result = ZoneGeometry.Validate(overlapping);

        Assert.False(result.Succeeded);
        Assert.Contains("would change its area by 25", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_empty_flat_and_non_areal_geometries_are_refused()
    {
        var flat = ZoneGeometry.Factory.CreatePolygon([At(0, 0), At(10, 0), At(0, 0), At(0, 0)]);
        var line = ZoneGeometry.Factory.CreateLineString([At(0, 0), At(10, 0)]);

        Assert.Contains("empty", ZoneGeometry.Validate(null).Error, StringComparison.Ordinal);
        Assert.Contains("empty", ZoneGeometry.Validate(ZoneGeometry.Factory.CreatePolygon()).Error,
            StringComparison.Ordinal);
        Assert.Contains("three distinct corners", ZoneGeometry.Validate(flat).Error, StringComparison.Ordinal);
        Assert.Contains("not a LineString", ZoneGeometry.Validate(line).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Circle_has_the_radius_in_metres_in_every_direction()
    {
        var centre = At(0, 0);

        var result = ZoneGeometry.Circle(centre.X, centre.Y, 250);

        Assert.True(result.Succeeded, result.Error);
        foreach (var vertex in result.Geometry.Coordinates)
        {
            Assert.Equal(250, LocalFrame.DistanceM(centre.X, centre.Y, vertex.X, vertex.Y), 0.05);
        }

        var (perLon, perLat) = LocalFrame.Scale(centre.Y);
        Assert.Equal(Math.PI * 250 * 250, result.Geometry.Area * perLon * perLat, Math.PI * 250 * 250 * 0.003);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    [InlineData(1e9)]
    public void Circle_without_a_sensible_radius_is_refused(double radius)
    {
        Assert.False(ZoneGeometry.Circle(116.4, 39.9, radius).Succeeded);
    }

    [Fact]
    public void Corridor_is_the_width_in_metres_around_the_line_and_flat_at_its_ends()
    {
        var line = new[] { At(0, 0), At(1000, 0), At(1000, 500) };

        var result = ZoneGeometry.Corridor(line, 40);

        Assert.True(result.Succeeded, result.Error);
        var (perLon, perLat) = LocalFrame.Scale(line[0].Y);
        var area = result.Geometry.Area * perLon * perLat;
        Assert.Equal(1500 * 40, area, 1500 * 40 * 0.01);
        Assert.True(result.Geometry.Covers(ZoneGeometry.Factory.CreatePoint(At(500, 19))));
        Assert.False(result.Geometry.Covers(ZoneGeometry.Factory.CreatePoint(At(500, 21))));
        Assert.False(result.Geometry.Covers(ZoneGeometry.Factory.CreatePoint(At(-5, 0))));
    }

    [Fact]
    public void Corridor_of_one_point_or_no_width_is_refused()
    {
        Assert.False(ZoneGeometry.Corridor([At(0, 0), At(0, 0)], 10).Succeeded);
        Assert.False(ZoneGeometry.Corridor([At(0, 0), At(10, 0)], 0).Succeeded);
    }

    [Fact]
    public void Rectangle_is_length_by_width_along_the_bearing()
    {
        var centre = At(0, 0);

        var result = ZoneGeometry.Rectangle(centre.X, centre.Y, 20, 8, 90);

        Assert.True(result.Succeeded);
        Assert.True(result.Geometry.IsValid);
        Assert.True(result.Geometry.Covers(ZoneGeometry.Factory.CreatePoint(At(9.9, 3.9))));
        Assert.False(result.Geometry.Covers(ZoneGeometry.Factory.CreatePoint(At(3.9, 9.9))));
    }
}
