using System.Diagnostics.CodeAnalysis;

namespace GeoCredit.Core.Geofencing;

/// <summary>
/// One immutable version of every zone, indexed in flat arrays so that "which zones cover this point" costs a few
/// memory reads and no allocation. Built once per zone change by <see cref="GeofenceEngine"/> and swapped in whole;
/// immutable, so any number of threads may query it at once.
/// </summary>
/// <remarks>
/// <para>
/// <b>Index.</b> A hierarchy of uniform grids (levels) whose cells grow fourfold from one level to the next. The
/// finest cell is four times the median zone size; each zone goes to the finest level whose cell is at least as
/// large as its envelope, so it lies in at most 2 × 2 cells of that level, and a point query reads exactly one cell
/// per occupied level. A level over a compact area (a city) keeps a dense array of cell offsets; one whose zones
/// are scattered keeps only its occupied cells, in a hash table, so the grid may span the world. Each cell entry
/// carries its zone's envelope and, for a quadrilateral, its corners inline, so that a fence query reads a cell
/// offset and the cell's entries and nothing else. This is the hierarchical uniform grid of collision detection
/// (C. Ericson, <i>Real-Time Collision Detection</i>, 2005, §7.2) applied to zone envelopes.
/// </para>
/// <para>
/// <b>Exact test.</b> Small strictly convex polygons (bike fences, up to eight corners) are tested against
/// their edges' half-planes; every other shape by counting crossings of a ray with its edges, read from the one
/// horizontal band of the shape that holds the point. Both use a floating-point orientation filter and fall back
/// to NetTopologySuite's extended-precision orientation (<c>CGAlgorithmsDD</c>) only when the filter cannot
/// decide, so the answer is NetTopologySuite's <c>Covers</c> exactly, boundary included.
/// </para>
/// <para>
/// <b>Boundary semantics.</b> A point on a zone's boundary (edge or vertex) is in the zone, as with
/// <c>Geometry.Covers</c>. Zones must be valid (see <see cref="ZoneGeometry.Validate"/>): for invalid rings the
/// even-odd rule applies.
/// </para>
/// </remarks>
public sealed partial class ZoneIndex
{
    private readonly Zone[] _zones;
    private readonly Dictionary<string, int> _ordinals;
    private readonly ShapeTable _shapes;
    private readonly GridLevel[] _levels;

    private ZoneIndex(Zone[] zones, Dictionary<string, int> ordinals, ShapeTable shapes, GridLevel[] levels,
        long version)
    {
        _zones = zones;
        _ordinals = ordinals;
        _shapes = shapes;
        _levels = levels;
        Version = version;
    }

    /// <summary>An index of no zones, version 0.</summary>
    public static ZoneIndex Empty { get; } = Build([], 0);

    /// <summary>Raised by one on every replacement of the zones.</summary>
    public long Version { get; }

    public int Count => _zones.Length;

    /// <summary>The zones, by ordinal: the position a zone has in this version of the index only.</summary>
    public IReadOnlyList<Zone> Zones => _zones;

    /// <summary>The number of grid levels that hold zones: the number of cells a point query reads.</summary>
    public int LevelCount => _levels.Length;

    public Zone this[int ordinal] => _zones[ordinal];

    /// <summary>Builds an index of zones; the zones' order is their ordinal.</summary>
    /// <exception cref="ArgumentException">Two zones share an id.</exception>
    public static ZoneIndex Build(IEnumerable<Zone> zones, long version)
    {
        var list = zones.ToArray();
        var ordinals = new Dictionary<string, int>(list.Length, StringComparer.Ordinal);
        for (var i = 0; i < list.Length; i++)
        {
            if (!ordinals.TryAdd(list[i].Id, i))
            {
                throw new ArgumentException($"Zone id '{list[i].Id}' appears more than once.", nameof(zones));
            }
        }

        var shapes = ShapeTable.Build(list);
        var levels = GridLevel.Build(shapes);
        return new ZoneIndex(list, ordinals, shapes, levels, version);
    }

    public bool TryGetOrdinal(string zoneId, out int ordinal) => _ordinals.TryGetValue(zoneId, out ordinal);

    public bool TryGetZone(string zoneId, [MaybeNullWhen(false)] out Zone zone)
    {
        if (_ordinals.TryGetValue(zoneId, out var ordinal))
        {
            zone = _zones[ordinal];
            return true;
        }

        zone = null;
        return false;
    }

    /// <summary>
    /// Finds the zones that cover a point and writes their ordinals, in a fixed order for this index. Allocates
    /// nothing.
    /// </summary>
    /// <returns>
    /// How many zones cover the point. When that is more than <paramref name="ordinals"/> holds, only the first
    /// ones are written: call again with a larger buffer.
    /// </returns>
    public int Locate(double longitude, double latitude, Span<int> ordinals)
    {
        var sink = new OrdinalSink(ordinals);
        return LocateCore(longitude, latitude, ref sink);
    }

    /// <summary>Finds the zones that cover a point, as <see cref="Locate(double, double, Span{int})"/> does.</summary>
    public int Locate(double longitude, double latitude, Span<Zone> zones)
    {
        var sink = new ZoneSink(zones, _zones);
        return LocateCore(longitude, latitude, ref sink);
    }

    /// <summary>Whether one zone covers a point (boundary included).</summary>
    public bool Covers(int ordinal, double longitude, double latitude)
    {
        ref readonly var shape = ref _shapes.Shapes[ordinal];
        return shape.Envelope.Contains(longitude, latitude) && _shapes.Covers(ordinal, longitude, latitude);
    }

    /// <summary>
    /// The distance in metres from a point to a zone's boundary, inside or outside, measured in the local frame
    /// of the point (see <see cref="LocalFrame"/>), or <paramref name="limitM"/> when the boundary is at least that
    /// far. Reads only the edges within the limit, so a small limit keeps it cheap on large zones.
    /// </summary>
    public double DistanceToBoundaryM(int ordinal, double longitude, double latitude, double limitM) =>
        _shapes.DistanceToBoundaryM(ordinal, longitude, latitude, limitM);

    /// <summary>
    /// Half of the deepest a point can be inside the zone, in metres, estimated as area over perimeter of its
    /// largest part (exact for circles and squares, at most the inradius for rectangles). Caps the entry margin,
    /// so that a fence narrower than twice the margin can still be entered.
    /// </summary>
    public double HalfDepthM(int ordinal) => _shapes.Shapes[ordinal].HalfDepthM;

    private int LocateCore<TSink>(double x, double y, ref TSink sink)
        where TSink : IHitSink, allows ref struct
    {
        // NaN and out-of-range input would map to arbitrary cells; such a point is in no zone.
        if (!ZoneGeometry.IsInRange(x, y))
        {
            return 0;
        }

        var found = 0;
        foreach (var level in _levels)
        {
            if (!level.TryGetCell(x, y, out var start, out var count))
            {
                continue;
            }

            var entries = level.Entries.AsSpan(start, count);
            foreach (ref readonly var entry in entries)
            {
                // Envelope first: it is inline in the cell, so most candidates cost no further memory read.
                if (x < entry.MinX || x > entry.MaxX || y < entry.MinY || y > entry.MaxY)
                {
                    continue;
                }

                if (_shapes.Covers(entry, x, y))
                {
                    sink.Add(found++, entry.Ordinal);
                }
            }
        }

        return found;
    }

    /// <summary>Collects the zones whose cells and envelopes the segment from a to b touches.</summary>
    internal void QuerySegment(double ax, double ay, double bx, double by, HashSet<int> ordinals)
    {
        foreach (var level in _levels)
        {
            level.CollectSegment(ax, ay, bx, by, ordinals);
        }
    }

    /// <summary>The parts of the segment from a to b (as fractions 0..1 of its length) that lie in a zone.</summary>
    internal void SegmentInside(int ordinal, double ax, double ay, double bx, double by, List<double> scratch,
        List<(double From, double To)> intervals) =>
        _shapes.SegmentInside(ordinal, ax, ay, bx, by, scratch, intervals);

    private interface IHitSink
    {
        void Add(int index, int ordinal);
    }

    private ref struct OrdinalSink(Span<int> target) : IHitSink
    {
        private readonly Span<int> _target = target;

        public readonly void Add(int index, int ordinal)
        {
            if (index < _target.Length)
            {
                _target[index] = ordinal;
            }
        }
    }

    private ref struct ZoneSink(Span<Zone> target, Zone[] zones) : IHitSink
    {
        private readonly Span<Zone> _target = target;

        public readonly void Add(int index, int ordinal)
        {
            if (index < _target.Length)
            {
                _target[index] = zones[ordinal];
            }
        }
    }
}
