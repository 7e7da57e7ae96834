using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace GeoCredit.Core.Geofencing;

public sealed partial class ZoneIndex
{
    /// <summary>
    /// Relative error bound of the orientation determinant computed in doubles: below it the sign is not trusted
    /// and the extended-precision predicate decides. The rounding error of <c>(x2-x1)(y-y1) - (y2-y1)(x-x1)</c> is
    /// at most about 4.01·2⁻⁵³ of the sum of the terms' magnitudes, so 1e-14 leaves a margin of twenty
    /// (the semi-static filter of J. R. Shewchuk, "Adaptive Precision Floating-Point Arithmetic and Fast Robust
    /// Geometric Predicates", <i>Discrete &amp; Computational Geometry</i> 18, 1997).
    /// </summary>
    private const double OrientationErrorBound = 1e-14;

    /// <summary>The most corners a polygon may have to be tested as a convex polygon.</summary>
    private const int MaxConvexEdges = 8;

    /// <summary>Shapes with at most this many edges keep them in one band: splitting would not pay.</summary>
    private const int SingleBandEdges = 12;

    /// <summary>Edges per horizontal band of a large shape, on average.</summary>
    private const int EdgesPerBand = 2;

    private const int MaxBands = 4096;

    /// <summary>How a zone's shape is tested against a point.</summary>
    private enum ShapeTest : byte
    {
        /// <summary>A strictly convex quadrilateral (a fence), its corners inline in the cell entry.</summary>
        Quad,

        /// <summary>A strictly convex polygon with its edges counter-clockwise: every edge's left half-plane.</summary>
        Convex,

        /// <summary>Ray crossings over all edges, which are few and kept in one band.</summary>
        Crossings,

        /// <summary>Ray crossings over the edges of the one horizontal band that holds the point.</summary>
        BandedCrossings,
    }

    private readonly record struct Edge(double X1, double Y1, double X2, double Y2);

    private readonly record struct Box(double MinX, double MinY, double MaxX, double MaxY)
    {
        public bool Contains(double x, double y) => x >= MinX && x <= MaxX && y >= MinY && y <= MaxY;
    }

    private readonly record struct ShapeInfo(
        Box Envelope, ShapeTest Test, int BandStart, int BandCount, double InvBandHeight, double HalfDepthM);

    /// <summary>
    /// A zone in a grid cell, with what a point query needs inline: the envelope, the corners of a convex
    /// quadrilateral, and for other single-band shapes where their edges are. A fence query thus reads the cell's
    /// offset, then its entries, and nothing else: two cache misses on a city of fences.
    /// </summary>
    private readonly record struct CellEntry(
        double MinX, double MinY, double MaxX, double MaxY,
        double X0, double Y0, double X1, double Y1, double X2, double Y2, double X3, double Y3,
        int Ordinal, int EdgeStart, int EdgeCount, ShapeTest Test);

    /// <summary>The edges of every zone in flat arrays, grouped by zone and by horizontal band.</summary>
    private sealed class ShapeTable
    {
        private readonly Edge[] _edges;

        // Band b of the table holds _edges[_bandOffsets[b] .. _bandOffsets[b + 1]).
        private readonly int[] _bandOffsets;

        private ShapeTable(ShapeInfo[] shapes, Edge[] edges, int[] bandOffsets)
        {
            Shapes = shapes;
            _edges = edges;
            _bandOffsets = bandOffsets;
        }

        public ShapeInfo[] Shapes { get; }

        public static ShapeTable Build(Zone[] zones)
        {
            var shapes = new ShapeInfo[zones.Length];
            var edges = new List<Edge>(zones.Length * 4);
            var bandOffsets = new List<int>(zones.Length + 1);
            var zoneEdges = new List<Edge>();
            for (var i = 0; i < zones.Length; i++)
            {
                var geometry = zones[i].Geometry;
                var envelope = geometry.EnvelopeInternal;
                var box = new Box(envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY);
                ExtractEdges(geometry, zoneEdges);

                var convex = IsStrictlyConvex(geometry, zoneEdges);
                var test = convex && zoneEdges.Count == 4 ? ShapeTest.Quad
                    : convex ? ShapeTest.Convex
                    : zoneEdges.Count <= SingleBandEdges ? ShapeTest.Crossings
                    : ShapeTest.BandedCrossings;
                var bandCount = test == ShapeTest.BandedCrossings
                    ? Math.Clamp(zoneEdges.Count / EdgesPerBand, 1, MaxBands)
                    : 1;
                var height = box.MaxY - box.MinY;
                var invBandHeight = height > 0 ? bandCount / height : 0;
                shapes[i] = new ShapeInfo(box, test, bandOffsets.Count, bandCount, invBandHeight, HalfDepth(geometry));
                AddBands(shapes[i], zoneEdges, edges, bandOffsets);
            }

            bandOffsets.Add(edges.Count);
            return new ShapeTable(shapes, [.. edges], [.. bandOffsets]);
        }

        public CellEntry EntryOf(int ordinal)
        {
            ref readonly var shape = ref Shapes[ordinal];
            var box = shape.Envelope;
            var start = _bandOffsets[shape.BandStart];
            var count = _bandOffsets[shape.BandStart + 1] - start;
            var edges = _edges.AsSpan(start, count);
            return shape.Test == ShapeTest.Quad
                ? new CellEntry(box.MinX, box.MinY, box.MaxX, box.MaxY,
                    edges[0].X1, edges[0].Y1, edges[1].X1, edges[1].Y1, edges[2].X1, edges[2].Y1, edges[3].X1,
                    edges[3].Y1, ordinal, start, count, shape.Test)
                : new CellEntry(box.MinX, box.MinY, box.MaxX, box.MaxY, 0, 0, 0, 0, 0, 0, 0, 0,
                    ordinal, start, count, shape.Test);
        }

        public bool Covers(in CellEntry entry, double x, double y) => entry.Test switch
        {
            ShapeTest.Quad => CoversQuad(entry, x, y),
            ShapeTest.Convex => CoversConvex(_edges.AsSpan(entry.EdgeStart, entry.EdgeCount), x, y),
            ShapeTest.Crossings => CoversByCrossings(_edges.AsSpan(entry.EdgeStart, entry.EdgeCount), x, y),
            _ => CoversByCrossings(BandAt(Shapes[entry.Ordinal], y), x, y),
        };

        public bool Covers(int ordinal, double x, double y)
        {
            ref readonly var shape = ref Shapes[ordinal];
            var edges = BandAt(shape, y);
            return shape.Test is ShapeTest.Quad or ShapeTest.Convex
                ? CoversConvex(edges, x, y)
                : CoversByCrossings(edges, x, y);
        }

        public double DistanceToBoundaryM(int ordinal, double x, double y, double limitM)
        {
            ref readonly var shape = ref Shapes[ordinal];
            var (perLon, perLat) = LocalFrame.Scale(y);
            var box = shape.Envelope;

            // A point farther than the limit from the envelope is farther from every edge.
            var outX = Math.Max(0, Math.Max(box.MinX - x, x - box.MaxX)) * perLon;
            var outY = Math.Max(0, Math.Max(box.MinY - y, y - box.MaxY)) * perLat;
            var limit2 = limitM * limitM;
            if ((outX * outX) + (outY * outY) >= limit2)
            {
                return limitM;
            }

            // Only edges within the limit matter, and those lie in the bands the limit spans.
            var reach = limitM / perLat;
            var first = Band(shape, y - reach);
            var last = Band(shape, y + reach);
            var best2 = limit2;
            for (var b = first; b <= last; b++)
            {
                foreach (ref readonly var e in BandEdges(shape.BandStart + b))
                {
                    var d2 = SegmentDistanceSquared(
                        (e.X1 - x) * perLon, (e.Y1 - y) * perLat, (e.X2 - x) * perLon, (e.Y2 - y) * perLat);
                    best2 = Math.Min(best2, d2);
                }
            }

            return Math.Sqrt(best2);
        }

        public void SegmentInside(int ordinal, double ax, double ay, double bx, double by, List<double> cuts,
            List<(double From, double To)> intervals)
        {
            ref readonly var shape = ref Shapes[ordinal];
            cuts.Clear();
            intervals.Clear();
            cuts.Add(0);
            cuts.Add(1);

            // Where the segment crosses an edge, as a fraction of its length; edges in several bands repeat, which
            // only adds empty pieces below.
            var (rx, ry) = (bx - ax, by - ay);
            var first = Band(shape, Math.Min(ay, by));
            var last = Band(shape, Math.Max(ay, by));
            for (var b = first; b <= last; b++)
            {
                foreach (ref readonly var e in BandEdges(shape.BandStart + b))
                {
                    var (sx, sy) = (e.X2 - e.X1, e.Y2 - e.Y1);
                    var denominator = (rx * sy) - (ry * sx);
                    if (denominator == 0)
                    {
                        continue;
                    }

                    var (qx, qy) = (e.X1 - ax, e.Y1 - ay);
                    var t = ((qx * sy) - (qy * sx)) / denominator;
                    var u = ((qx * ry) - (qy * rx)) / denominator;
                    if (t is >= 0 and <= 1 && u is >= 0 and <= 1)
                    {
                        cuts.Add(t);
                    }
                }
            }

            // Between two successive cuts the segment is wholly in or out: its midpoint says which.
            cuts.Sort();
            for (var i = 0; i + 1 < cuts.Count; i++)
            {
                var (from, to) = (cuts[i], cuts[i + 1]);
                if (to - from < 1e-12)
                {
                    continue;
                }

                var mid = (from + to) / 2;
                var (mx, my) = (ax + (mid * rx), ay + (mid * ry));
                if (!shape.Envelope.Contains(mx, my) || !Covers(ordinal, mx, my))
                {
                    continue;
                }

                if (intervals.Count > 0 && intervals[^1].To >= from)
                {
                    intervals[^1] = (intervals[^1].From, to);
                }
                else
                {
                    intervals.Add((from, to));
                }
            }
        }

        /// <summary>
        /// <see cref="CoversConvex"/> for a quadrilateral whose corners are in the cell entry: the same half-plane
        /// tests, unrolled, with no further memory read unless the filter cannot decide.
        /// </summary>
        private bool CoversQuad(in CellEntry q, double x, double y)
        {
            var undecided = false;
            if (!LeftOrOn(q.X0, q.Y0, q.X1, q.Y1, x, y, ref undecided)
                || !LeftOrOn(q.X1, q.Y1, q.X2, q.Y2, x, y, ref undecided)
                || !LeftOrOn(q.X2, q.Y2, q.X3, q.Y3, x, y, ref undecided)
                || !LeftOrOn(q.X3, q.Y3, q.X0, q.Y0, x, y, ref undecided))
            {
                return false;
            }

            return !undecided || CoversConvexExactly(_edges.AsSpan(q.EdgeStart, q.EdgeCount), x, y);
        }

        private ReadOnlySpan<Edge> BandEdges(int band) =>
            _edges.AsSpan(_bandOffsets[band], _bandOffsets[band + 1] - _bandOffsets[band]);

        private ReadOnlySpan<Edge> BandAt(in ShapeInfo shape, double y) => BandEdges(shape.BandStart + Band(shape, y));

        private static int Band(in ShapeInfo shape, double y)
        {
            // Monotonic in y, so an edge filed under the bands of its ends is in the band of every y between.
            var v = (y - shape.Envelope.MinY) * shape.InvBandHeight;
            return v <= 0 ? 0 : v >= shape.BandCount - 1 ? shape.BandCount - 1 : (int)v;
        }

        private static void AddBands(in ShapeInfo shape, List<Edge> zoneEdges, List<Edge> edges, List<int> offsets)
        {
            if (shape.BandCount == 1)
            {
                offsets.Add(edges.Count);
                edges.AddRange(zoneEdges);
                return;
            }

            var bands = new List<Edge>[shape.BandCount];
            for (var b = 0; b < bands.Length; b++)
            {
                bands[b] = [];
            }

            foreach (var e in zoneEdges)
            {
                var last = Band(shape, Math.Max(e.Y1, e.Y2));
                for (var b = Band(shape, Math.Min(e.Y1, e.Y2)); b <= last; b++)
                {
                    bands[b].Add(e);
                }
            }

            foreach (var band in bands)
            {
                offsets.Add(edges.Count);
                edges.AddRange(band);
            }
        }

        private static void ExtractEdges(Geometry geometry, List<Edge> edges)
        {
            edges.Clear();
            for (var p = 0; p < geometry.NumGeometries; p++)
            {
                var polygon = (Polygon)geometry.GetGeometryN(p);
                AddRing(polygon.Shell.CoordinateSequence, edges);
                foreach (var hole in polygon.Holes)
                {
                    AddRing(hole.CoordinateSequence, edges);
                }
            }
        }

        private static void AddRing(CoordinateSequence ring, List<Edge> edges)
        {
            for (var i = 0; i + 1 < ring.Count; i++)
            {
                var (x1, y1, x2, y2) = (ring.GetX(i), ring.GetY(i), ring.GetX(i + 1), ring.GetY(i + 1));

                // A repeated point is an edge of no length: its vertex is tested by the neighbouring edges.
                if (x1 != x2 || y1 != y2)
                {
                    edges.Add(new Edge(x1, y1, x2, y2));
                }
            }
        }

        /// <summary>
        /// Whether a polygon without holes is strictly convex and simple: every turn the same way, never straight,
        /// and one full turn in all (a pentagram turns twice). Reorders the edges counter-clockwise if so.
        /// </summary>
        private static bool IsStrictlyConvex(Geometry geometry, List<Edge> edges)
        {
            if (geometry is not Polygon { NumInteriorRings: 0 } || edges.Count is < 3 or > MaxConvexEdges)
            {
                return false;
            }

            var sign = 0;
            var turning = 0.0;
            for (var i = 0; i < edges.Count; i++)
            {
                var (e, f) = (edges[i], edges[(i + 1) % edges.Count]);
                var orientation = CGAlgorithmsDD.OrientationIndex(e.X1, e.Y1, e.X2, e.Y2, f.X2, f.Y2);
                if (orientation == 0 || (sign != 0 && orientation != sign))
                {
                    return false;
                }

                sign = orientation;
                turning += Math.Abs(Math.Atan2(
                    ((e.X2 - e.X1) * (f.Y2 - f.Y1)) - ((e.Y2 - e.Y1) * (f.X2 - f.X1)),
                    ((e.X2 - e.X1) * (f.X2 - f.X1)) + ((e.Y2 - e.Y1) * (f.Y2 - f.Y1))));
            }

            if (Math.Abs(turning - (2 * Math.PI)) > 1e-6)
            {
                return false;
            }

            if (sign < 0)
            {
                edges.Reverse();
                for (var i = 0; i < edges.Count; i++)
                {
                    edges[i] = new Edge(edges[i].X2, edges[i].Y2, edges[i].X1, edges[i].Y1);
                }
            }

            return true;
        }

        private static double HalfDepth(Geometry geometry)
        {
            var centre = geometry.EnvelopeInternal.Centre;
            var (perLon, perLat) = LocalFrame.Scale(centre.Y);
            var best = 0.0;
            for (var p = 0; p < geometry.NumGeometries; p++)
            {
                var polygon = (Polygon)geometry.GetGeometryN(p);
                var perimeter = RingLengthM(polygon.Shell.CoordinateSequence, perLon, perLat);
                foreach (var hole in polygon.Holes)
                {
                    perimeter += RingLengthM(hole.CoordinateSequence, perLon, perLat);
                }

                var area = polygon.Area * perLon * perLat;
                if (perimeter > 0)
                {
                    best = Math.Max(best, area / perimeter);
                }
            }

            return best;
        }

        private static double RingLengthM(CoordinateSequence ring, double perLon, double perLat)
        {
            var length = 0.0;
            for (var i = 0; i + 1 < ring.Count; i++)
            {
                var dx = (ring.GetX(i + 1) - ring.GetX(i)) * perLon;
                var dy = (ring.GetY(i + 1) - ring.GetY(i)) * perLat;
                length += Math.Sqrt((dx * dx) + (dy * dy));
            }

            return length;
        }
    }

    /// <summary>Point in a strictly convex counter-clockwise polygon: on the left of, or on, every edge.</summary>
    private static bool CoversConvex(ReadOnlySpan<Edge> edges, double x, double y)
    {
        var undecided = false;
        foreach (ref readonly var e in edges)
        {
            var left = (e.X2 - e.X1) * (y - e.Y1);
            var right = (e.Y2 - e.Y1) * (x - e.X1);
            var det = left - right;
            var bound = OrientationErrorBound * (Math.Abs(left) + Math.Abs(right));
            if (det < -bound)
            {
                return false;
            }

            undecided |= det <= bound;
        }

        return !undecided || CoversConvexExactly(edges, x, y);
    }

    /// <summary>False when q is surely right of the line from 1 to 2; flags when the filter cannot tell.</summary>
    private static bool LeftOrOn(double x1, double y1, double x2, double y2, double qx, double qy, ref bool undecided)
    {
        var left = (x2 - x1) * (qy - y1);
        var right = (y2 - y1) * (qx - x1);
        var det = left - right;
        var bound = OrientationErrorBound * (Math.Abs(left) + Math.Abs(right));
        undecided |= det <= bound;
        return det >= -bound;
    }

    private static bool CoversConvexExactly(ReadOnlySpan<Edge> edges, double x, double y)
    {
        foreach (ref readonly var e in edges)
        {
            if (CGAlgorithmsDD.OrientationIndex(e.X1, e.Y1, e.X2, e.Y2, x, y) < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Point in polygon by the parity of crossings of a rightward ray, with the point-on-edge cases detected
    /// (the crossing-number test as NetTopologySuite's <c>RayCrossingCounter</c> states it; E. Haines, "Point in
    /// Polygon Strategies", <i>Graphics Gems IV</i>, 1994). The edges must be every edge whose y-range holds y.
    /// </summary>
    private static bool CoversByCrossings(ReadOnlySpan<Edge> edges, double x, double y)
    {
        var crossings = 0;
        foreach (ref readonly var e in edges)
        {
            if (e.X1 < x && e.X2 < x)
            {
                continue;
            }

            if ((x == e.X1 && y == e.Y1) || (x == e.X2 && y == e.Y2))
            {
                return true;
            }

            if (e.Y1 == y && e.Y2 == y)
            {
                if (x >= Math.Min(e.X1, e.X2) && x <= Math.Max(e.X1, e.X2))
                {
                    return true;
                }

                continue;
            }

            // An upward edge holds its start and not its end, a downward one the reverse, so that a vertex on the
            // ray is counted once.
            if ((e.Y1 > y && e.Y2 <= y) || (e.Y2 > y && e.Y1 <= y))
            {
                var orientation = Orientation(e.X1, e.Y1, e.X2, e.Y2, x, y);
                if (orientation == 0)
                {
                    return true;
                }

                if (e.Y2 < e.Y1)
                {
                    orientation = -orientation;
                }

                if (orientation > 0)
                {
                    crossings++;
                }
            }
        }

        return (crossings & 1) == 1;
    }

    /// <summary>+1 when q is left of the line from p1 to p2, -1 when right, 0 when on it; exact.</summary>
    private static int Orientation(double x1, double y1, double x2, double y2, double qx, double qy)
    {
        var left = (x2 - x1) * (qy - y1);
        var right = (y2 - y1) * (qx - x1);
        var det = left - right;
        var bound = OrientationErrorBound * (Math.Abs(left) + Math.Abs(right));
        if (det > bound)
        {
            return 1;
        }

        if (det < -bound)
        {
            return -1;
        }

        return CGAlgorithmsDD.OrientationIndex(x1, y1, x2, y2, qx, qy);
    }

    /// <summary>The squared distance from the origin to the segment from a to b.</summary>
    private static double SegmentDistanceSquared(double ax, double ay, double bx, double by)
    {
        var (dx, dy) = (bx - ax, by - ay);
        var length2 = (dx * dx) + (dy * dy);
        var t = length2 > 0 ? Math.Clamp(-((ax * dx) + (ay * dy)) / length2, 0, 1) : 0;
        var (px, py) = (ax + (t * dx), ay + (t * dy));
        return (px * px) + (py * py);
    }
}
