using GeoCredit.Core.Geofencing;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using static GeoCredit.Core.Tests.Geofencing.GeoTestData;

namespace GeoCredit.Core.Tests.Geofencing;

/// <summary>
/// The index must give exactly NetTopologySuite's answer: a zone holds a point when its geometry
/// <c>Covers</c> it, so a point on an edge or a vertex is inside.
/// </summary>
public sealed class ZoneIndexTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Locate_equals_brute_force_covers_over_random_zones_and_points(int seed)
    {
        var random = new Random(seed);
        var zones = RandomZones(random, 300);
        var index = ZoneIndex.Build(zones, 1);
        var points = RandomPoints(random, zones, 4000);
        var prepared = zones.Select(z => PreparedGeometryFactory.Prepare(z.Geometry)).ToArray();
        var found = new int[64];
        var boundaryHits = 0;

        for (var p = 0; p < points.Count; p++)
        {
            // Brute force over every zone with NetTopologySuite's own predicates; the envelope only skips zones
            // that cannot hold the point. Every tenth point is also checked with the unprepared Covers.
            var point = points[p];
            var geometryPoint = ZoneGeometry.Factory.CreatePoint(point);
            var candidates = Enumerable.Range(0, zones.Count)
                .Where(i => zones[i].Geometry.EnvelopeInternal.Covers(point))
                .ToArray();
            var expected = candidates.Where(i => prepared[i].Covers(geometryPoint))
                .Select(i => zones[i].Id).Order().ToArray();
            var count = index.Locate(point.X, point.Y, found);
            var actual = found[..count].Select(o => index[o].Id).Order().ToArray();

            Assert.Equal(expected, actual);
            if (p % 10 == 0)
            {
                Assert.Equal(expected, candidates.Where(i => zones[i].Geometry.Covers(geometryPoint))
                    .Select(i => zones[i].Id).Order().ToArray());
            }

            boundaryHits += candidates.Count(i =>
                SimplePointInAreaLocator.Locate(point, zones[i].Geometry) == Location.Boundary);
        }

        // The property only means something if it covered the boundary cases too.
        Assert.True(points.Count > 10_000, $"only {points.Count} points");
        Assert.True(boundaryHits > 1000, $"only {boundaryHits} points on a boundary");
        Assert.True(index.LevelCount > 1, "all zones landed in one grid level");
    }

    [Fact]
    public void Locate_point_on_edge_or_vertex_is_inside_and_just_outside_is_not()
    {
        var square = Box(0, 0, 100, 100);
        var index = ZoneIndex.Build([Zone("square", square)], 1);
        var corner = square.Shell.Coordinates[2];
        var south = square.Shell.Coordinates[0];
        Span<int> found = stackalloc int[4];

        Assert.Equal(1, index.Locate(corner.X, corner.Y, found));
        Assert.Equal(1, index.Locate((corner.X + south.X) / 2, south.Y, found));
        Assert.Equal(0, index.Locate(Math.BitIncrement(corner.X), corner.Y, found));
        Assert.Equal(0, index.Locate(corner.X, Math.BitIncrement(corner.Y), found));
    }

    [Fact]
    public void Locate_with_a_caller_buffer_allocates_nothing_after_warm_up()
    {
        var random = new Random(7);
        var zones = RandomZones(random, 300);
        var index = ZoneIndex.Build(zones, 1);
        var engine = new GeofenceEngine();
        engine.Replace(zones);
        var points = RandomPoints(random, zones, 2000).ToArray();
        var ordinals = new int[64];
        var found = new Zone[64];
        var total = 0;
        foreach (var point in points)
        {
            total += index.Locate(point.X, point.Y, ordinals) + engine.Locate(point.X, point.Y, found);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var point in points)
        {
            total += index.Locate(point.X, point.Y, ordinals);
            total += engine.Locate(point.X, point.Y, found);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(total > 0);
    }

    [Fact]
    public void Locate_reports_every_match_even_when_the_buffer_is_too_small()
    {
        var zones = Enumerable.Range(0, 5).Select(i => Zone($"z{i}", Box(-10 - i, -10 - i, 10 + i, 10 + i))).ToArray();
        var index = ZoneIndex.Build(zones, 1);
        var centre = At(0, 0);
        Span<int> small = stackalloc int[2];

        var count = index.Locate(centre.X, centre.Y, small);

        Assert.Equal(5, count);
    }

    [Theory]
    [InlineData(double.NaN, 39.9)]
    [InlineData(116.4, double.NaN)]
    [InlineData(200, 39.9)]
    [InlineData(116.4, -95)]
    public void Locate_point_outside_wgs84_is_in_no_zone(double lon, double lat)
    {
        var index = ZoneIndex.Build([Zone("world", Box(-1e6, -1e6, 1e6, 1e6))], 1);

        Assert.Equal(0, index.Locate(lon, lat, new int[4]));
    }

    [Fact]
    public void DistanceToBoundary_is_metres_inside_or_outside_and_capped_by_the_limit()
    {
        var index = ZoneIndex.Build([Zone("square", Box(0, 0, 100, 100))], 1);
        var inside = At(30, 50);
        var outside = At(130, 50);

        Assert.Equal(30, index.DistanceToBoundaryM(0, inside.X, inside.Y, 1000), 1);
        Assert.Equal(30, index.DistanceToBoundaryM(0, outside.X, outside.Y, 1000), 1);
        Assert.Equal(10, index.DistanceToBoundaryM(0, outside.X, outside.Y, 10));
        Assert.Equal(25, index.HalfDepthM(0), 1);
    }

    [Fact]
    public void Build_refuses_two_zones_with_one_id()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            ZoneIndex.Build([Zone("a", Box(0, 0, 1, 1)), Zone("a", Box(2, 2, 3, 3))], 1));

        Assert.Contains("'a'", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Zones of every shape the engine handles differently: axis-aligned and rotated rectangles (convex), circles
    /// (many edges, banded), concave stars, polygons with holes, multipolygons, and a few large zones so that more
    /// than one grid level is used.
    /// </summary>
    internal static List<Zone> RandomZones(Random random, int count)
    {
        var zones = new List<Zone>(count);
        for (var i = 0; i < count; i++)
        {
            var (cx, cy) = (random.NextDouble() * 2000, random.NextDouble() * 2000);
            var size = 5 + (random.NextDouble() * 60);
            Geometry geometry = (i % 8) switch
            {
                0 => Box(cx, cy, cx + size, cy + (size / 2)),
                1 => Ok(ZoneGeometry.Rectangle(At(cx, cy).X, At(cx, cy).Y, size, size / 3, random.NextDouble() * 360)),
                2 => Ok(ZoneGeometry.Circle(At(cx, cy).X, At(cx, cy).Y, size)),
                3 => Star(random, cx, cy, size, 0.3, random.Next(5, 40)),
                4 => ZoneGeometry.Factory.CreatePolygon(
                    Star(random, cx, cy, size, 0.7, random.Next(5, 30)).Shell,
                    [(LinearRing)Star(random, cx, cy, size * 0.25, 0.3, random.Next(3, 12)).Shell.Reverse()]),
                5 => ZoneGeometry.Factory.CreateMultiPolygon(
                [
                    Star(random, cx, cy, size, 0.4, random.Next(4, 20)),
                    Star(random, cx + (3 * size), cy, size, 0.4, random.Next(4, 20)),
                    Box(cx - size, cy + (2 * size), cx, cy + (3 * size)),
                ]),
                6 => Star(random, cx, cy, size * 40, 0.5, random.Next(10, 200)),
                _ => Box(cx, cy, cx + (size * 30), cy + (size * 10)),
            };

            zones.Add(Zone($"z{i}", Ok(ZoneGeometry.Validate(geometry))));
        }

        return zones;
    }

    /// <summary>Random points, plus every vertex of every zone and the middle of many edges.</summary>
    internal static List<Coordinate> RandomPoints(Random random, List<Zone> zones, int count)
    {
        var points = new List<Coordinate>();
        for (var i = 0; i < count; i++)
        {
            points.Add(At((random.NextDouble() * 2400) - 200, (random.NextDouble() * 2400) - 200));
        }

        foreach (var zone in zones)
        {
            var vertices = zone.Geometry.Coordinates;
            for (var v = 0; v + 1 < vertices.Length; v++)
            {
                points.Add(vertices[v]);
                if (v % 3 == 0)
                {
                    var (a, b) = (vertices[v], vertices[v + 1]);
                    points.Add(new Coordinate((a.X + b.X) / 2, (a.Y + b.Y) / 2));
                }
            }
        }

        return points;
    }

    /// <summary>
    /// A star-shaped polygon (simple, and usually concave): one corner in each of equal sectors around the centre,
    /// at a random angle within most of the sector and a random radius.
    /// </summary>
    private static Polygon Star(Random random, double cx, double cy, double radius, double minRatio, int corners)
    {
        var sector = 2 * Math.PI / corners;
        var angles = Enumerable.Range(0, corners).Select(k => (k + (0.8 * random.NextDouble())) * sector).ToArray();
        var ring = angles.Select(a =>
        {
            var r = radius * (minRatio + ((1 - minRatio) * random.NextDouble()));
            return At(cx + (r * Math.Cos(a)), cy + (r * Math.Sin(a)));
        }).ToList();
        ring.Add(ring[0].Copy());
        return ZoneGeometry.Factory.CreatePolygon([.. ring]);
    }

    private static Geometry Ok(ZoneGeometryResult result)
    {
        Assert.True(result.Succeeded, result.Error);
        return result.Geometry;
    }
}
