using BenchmarkDotNet.Attributes;
using GeoCredit.Core.Geofencing;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace GeoCredit.Benchmarks.Geofencing;

/// <summary>
/// "Which zones cover this point" against a city's bike fences: 100,000 rectangles of 20 m by 8 m at random
/// bearings over 40 km by 30 km, queried with 100,000 points of which four in five lie within a few tens of metres
/// of a fence (parked and moving bikes) and one in five anywhere in the city. Every method answers with
/// <c>Covers</c> semantics (boundary inside) and counts the hits; results are per point evaluation.
/// </summary>
[MemoryDiagnoser]
public class GeofenceBenchmarks
{
    private const int ZoneCount = 100_000;
    private const int PointCount = 100_000;
    private const int NaivePointCount = 200;
    private const double CityWidthM = 40_000;
    private const double CityHeightM = 30_000;

    private readonly GeometryFactory _factory = ZoneGeometry.Factory;
    private ZoneIndex _index = ZoneIndex.Empty;
    private STRtree<IPreparedGeometry> _tree = new();
    private Geometry[] _geometries = [];
    private Envelope[] _envelopes = [];
    private double[] _longitudes = [];
    private double[] _latitudes = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20250501);
        var city = new LocalFrame(116.20, 39.75);
        var zones = new Zone[ZoneCount];
        for (var i = 0; i < ZoneCount; i++)
        {
            var (lon, lat) = city.ToDegrees(random.NextDouble() * CityWidthM, random.NextDouble() * CityHeightM);
            var fence = ZoneGeometry.Rectangle(lon, lat, 20, 8, random.NextDouble() * 180).Geometry!;
            zones[i] = new Zone($"fence-{i}", $"Fence {i}", ZoneKind.Parking, fence);
        }

        var engine = new GeofenceEngine();
        _index = engine.Replace(zones);
        _geometries = zones.Select(z => z.Geometry).ToArray();
        _envelopes = _geometries.Select(g => g.EnvelopeInternal).ToArray();
        _tree = new STRtree<IPreparedGeometry>();
        foreach (var geometry in _geometries)
        {
            _tree.Insert(geometry.EnvelopeInternal, PreparedGeometryFactory.Prepare(geometry));
        }

        _tree.Build();

        // Bikes cluster at fences: most points scatter around one (GPS noise and bikes parked beside it).
        _longitudes = new double[PointCount];
        _latitudes = new double[PointCount];
        for (var i = 0; i < PointCount; i++)
        {
            if (random.NextDouble() < 0.8)
            {
                var centre = _geometries[random.Next(ZoneCount)].Centroid.Coordinate;
                var near = new LocalFrame(centre.X, centre.Y);
                (_longitudes[i], _latitudes[i]) = near.ToDegrees(Gaussian(random) * 10, Gaussian(random) * 10);
            }
            else
            {
                (_longitudes[i], _latitudes[i]) = city.ToDegrees(
                    random.NextDouble() * CityWidthM, random.NextDouble() * CityHeightM);
            }
        }

        // The three must agree, or the comparison means nothing.
        var (engineHits, treeHits, naiveHits) = (EngineHits(NaivePointCount), TreeHits(NaivePointCount), NaiveLoop());
        if (engineHits != treeHits || engineHits != naiveHits || TreeHits(PointCount) != Engine())
        {
            throw new InvalidOperationException(
                $"The methods disagree: engine {engineHits}, STRtree {treeHits}, naive {naiveHits}.");
        }
    }

    /// <summary>The flat hierarchical grid with exact convex tests, writing into a caller buffer.</summary>
    [Benchmark(OperationsPerInvoke = PointCount)]
    public int Engine() => EngineHits(PointCount);

    /// <summary>The obvious NTS way: an STRtree of prepared polygons, queried with a point per evaluation.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = PointCount)]
    public int StrTreeOfPreparedPolygons() => TreeHits(PointCount);

    /// <summary>Every zone for every point: envelope first, then the geometry; on the first points only.</summary>
    [Benchmark(OperationsPerInvoke = NaivePointCount)]
    public int NaiveLoop()
    {
        var hits = 0;
        for (var i = 0; i < NaivePointCount; i++)
        {
            var (lon, lat) = (_longitudes[i], _latitudes[i]);
            Point? point = null;
            for (var z = 0; z < _geometries.Length; z++)
            {
                if (_envelopes[z].Covers(lon, lat))
                {
                    point ??= _factory.CreatePoint(new Coordinate(lon, lat));
                    hits += _geometries[z].Covers(point) ? 1 : 0;
                }
            }
        }

        return hits;
    }

    private int EngineHits(int points)
    {
        Span<int> found = stackalloc int[16];
        var hits = 0;
        for (var i = 0; i < points; i++)
        {
            hits += _index.Locate(_longitudes[i], _latitudes[i], found);
        }

        return hits;
    }

    private int TreeHits(int points)
    {
        var hits = 0;
        for (var i = 0; i < points; i++)
        {
            var point = _factory.CreatePoint(new Coordinate(_longitudes[i], _latitudes[i]));
            foreach (var candidate in _tree.Query(point.EnvelopeInternal))
            {
                hits += candidate.Covers(point) ? 1 : 0;
            }
        }

        return hits;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
