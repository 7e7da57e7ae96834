using System.Diagnostics.CodeAnalysis;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Buffer;
using NetTopologySuite.Operation.Polygonize;
using NetTopologySuite.Operation.Valid;

namespace GeoCredit.Core.Geofencing;

/// <summary>
/// The outcome of building or checking a zone's geometry: the geometry to use (possibly repaired) with what was
/// changed, or why it was refused. Never both.
/// </summary>
public sealed record ZoneGeometryResult(Geometry? Geometry, IReadOnlyList<string> Warnings, string? Error)
{
    [MemberNotNullWhen(true, nameof(Geometry))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    internal static ZoneGeometryResult Refuse(string error) => new(null, [], error);
}

/// <summary>
/// Builds zone geometries in WGS 84 and checks the ones users draw. Every method returns a
/// <see cref="ZoneGeometryResult"/> and never throws on bad input: coordinates outside WGS 84 and empty or flat
/// shapes are refused; self-intersections are repaired when the repair keeps the drawn area; ring order is set to
/// the GeoJSON convention. Thread-safe.
/// </summary>
public static class ZoneGeometry
{
    /// <summary>Vertices of a circle's polygon, which lies inside the circle by at most 0.12% of the radius.</summary>
    public const int CircleSegments = 64;

    /// <summary>How much a repair may change the drawn area (relative) before the geometry is refused.</summary>
    public const double RepairAreaTolerance = 0.01;

    /// <summary>The largest circle radius accepted; beyond it the local frame's error grows past a metre.</summary>
    public const double MaxRadiusM = 200_000;

    /// <summary>The widest corridor accepted.</summary>
    public const double MaxCorridorWidthM = 20_000;

    /// <summary>The factory of every zone geometry: floating precision, SRID 4326.</summary>
    public static GeometryFactory Factory { get; } = new(new PrecisionModel(), 4326);

    private static readonly GeometryFactory MetricFactory = new(new PrecisionModel(), 0);

    /// <summary>
    /// Checks a drawn Polygon or MultiPolygon and returns it ready for the engine: valid, exterior rings
    /// counter-clockwise and holes clockwise (RFC 7946, §3.1.6).
    /// </summary>
    public static ZoneGeometryResult Validate(Geometry? geometry)
    {
        try
        {
            return ValidateCore(geometry, sayRingOrder: true);
        }
        catch (Exception exception) when (exception is TopologyException or ArgumentException)
        {
            // NTS throws on pathological input; a user's drawing must never take the loader down.
            return ZoneGeometryResult.Refuse($"The geometry could not be processed: {exception.Message}");
        }
    }

    /// <summary>
    /// A circle of a radius in metres around a centre, as a polygon of <see cref="CircleSegments"/> sides.
    /// </summary>
    public static ZoneGeometryResult Circle(double longitude, double latitude, double radiusM)
    {
        if (!IsInRange(longitude, latitude))
        {
            return ZoneGeometryResult.Refuse(OutOfRange("The centre", longitude, latitude));
        }

        if (!(radiusM > 0 && radiusM <= MaxRadiusM))
        {
            return ZoneGeometryResult.Refuse(
                $"The radius must be more than 0 and at most {MaxRadiusM} m, not {radiusM}.");
        }

        // Vertices on the circle in the local frame, counter-clockwise from east.
        var frame = new LocalFrame(longitude, latitude);
        var ring = new Coordinate[CircleSegments + 1];
        for (var k = 0; k < CircleSegments; k++)
        {
            var angle = 2 * Math.PI * k / CircleSegments;
            var (lon, lat) = frame.ToDegrees(radiusM * Math.Cos(angle), radiusM * Math.Sin(angle));
            ring[k] = new Coordinate(lon, lat);
        }

        ring[CircleSegments] = ring[0].Copy();
        return ValidateBuilt(Factory.CreatePolygon(ring));
    }

    /// <summary>
    /// A corridor of a width in metres centred on a line: flat at both ends, rounded at bends. The line is buffered
    /// in a local frame around its centre (see <see cref="LocalFrame"/> for the error bound).
    /// </summary>
    public static ZoneGeometryResult Corridor(IReadOnlyList<Coordinate> line, double widthM)
    {
        for (var i = 0; i < line.Count; i++)
        {
            if (!IsInRange(line[i].X, line[i].Y))
            {
                return ZoneGeometryResult.Refuse(OutOfRange($"Line point {i}", line[i].X, line[i].Y));
            }
        }

        if (line.Select(c => (c.X, c.Y)).Distinct().Count() < 2)
        {
            return ZoneGeometryResult.Refuse("A corridor needs a line of at least two distinct points.");
        }

        if (!(widthM > 0 && widthM <= MaxCorridorWidthM))
        {
            return ZoneGeometryResult.Refuse(
                $"The width must be more than 0 and at most {MaxCorridorWidthM} m, not {widthM}.");
        }

        // Buffer in metres, where a distance means the same in every direction, then map back to degrees.
        var envelope = new Envelope(line.Select(c => c.Copy()).ToArray());
        var frame = new LocalFrame(envelope.Centre.X, envelope.Centre.Y);
        var metric = MetricFactory.CreateLineString(line.Select(c =>
        {
            var (x, y) = frame.ToMetres(c.X, c.Y);
            return new Coordinate(x, y);
        }).ToArray());
        var parameters = new BufferParameters
        {
            QuadrantSegments = 8,
            EndCapStyle = EndCapStyle.Flat,
            JoinStyle = JoinStyle.Round,
        };
        var buffered = metric.Buffer(widthM / 2, parameters);
        buffered.Apply(new FrameToDegrees(frame));
        buffered.GeometryChanged();
        return ValidateBuilt(Factory.CreateGeometry(buffered));
    }

    /// <summary>
    /// A rectangle of a length and width in metres around a centre, its length along a bearing (degrees clockwise
    /// from north). The usual shape of a bike parking fence.
    /// </summary>
    public static ZoneGeometryResult Rectangle(
        double longitude, double latitude, double lengthM, double widthM, double bearingDegrees)
    {
        if (!IsInRange(longitude, latitude))
        {
            return ZoneGeometryResult.Refuse(OutOfRange("The centre", longitude, latitude));
        }

        if (!(lengthM > 0 && widthM > 0 && lengthM <= MaxRadiusM && widthM <= MaxRadiusM)
            || !double.IsFinite(bearingDegrees))
        {
            return ZoneGeometryResult.Refuse(
                $"A rectangle needs a positive length and width, not {lengthM} m by {widthM} m.");
        }

        // u runs along the length, v across it; corners in counter-clockwise order.
        var bearing = bearingDegrees * Math.PI / 180;
        var (ux, uy) = (Math.Sin(bearing) * lengthM / 2, Math.Cos(bearing) * lengthM / 2);
        var (vx, vy) = (Math.Cos(bearing) * widthM / 2, -Math.Sin(bearing) * widthM / 2);
        var frame = new LocalFrame(longitude, latitude);
        (double X, double Y)[] corners =
            [(ux + vx, uy + vy), (ux - vx, uy - vy), (-ux - vx, -uy - vy), (-ux + vx, -uy + vy)];
        var ring = new Coordinate[5];
        for (var i = 0; i < 4; i++)
        {
            var (lon, lat) = frame.ToDegrees(corners[i].X, corners[i].Y);
            if (!IsInRange(lon, lat))
            {
                return ZoneGeometryResult.Refuse(OutOfRange($"Corner {i}", lon, lat));
            }

            ring[i] = new Coordinate(lon, lat);
        }

        // A rectangle is valid by construction, so the costly validity check is skipped.
        ring[4] = ring[0].Copy();
        return new ZoneGeometryResult(Factory.CreatePolygon(ring), [], null);
    }

    /// <summary>Checks a geometry built here: its ring order is ours to set, not the user's to be told about.</summary>
    private static ZoneGeometryResult ValidateBuilt(Geometry geometry)
    {
        try
        {
            return ValidateCore(geometry, sayRingOrder: false);
        }
        catch (Exception exception) when (exception is TopologyException or ArgumentException)
        {
            return ZoneGeometryResult.Refuse($"The geometry could not be built: {exception.Message}");
        }
    }

    private static ZoneGeometryResult ValidateCore(Geometry? geometry, bool sayRingOrder)
    {
        if (geometry is null || geometry.IsEmpty)
        {
            return ZoneGeometryResult.Refuse("The geometry is empty.");
        }

        if (geometry is not (Polygon or MultiPolygon))
        {
            return ZoneGeometryResult.Refuse(
                $"A zone must be a Polygon or MultiPolygon, not a {geometry.GeometryType}.");
        }

        var coordinates = geometry.Coordinates;
        for (var i = 0; i < coordinates.Length; i++)
        {
            if (!IsInRange(coordinates[i].X, coordinates[i].Y))
            {
                return ZoneGeometryResult.Refuse(
                    OutOfRange($"Coordinate {i}", coordinates[i].X, coordinates[i].Y));
            }
        }

        var flatRing = FindFlatRing(geometry);
        if (flatRing is not null)
        {
            return ZoneGeometryResult.Refuse(flatRing);
        }

        var warnings = new List<string>();
        var validity = new IsValidOp(geometry);
        if (!validity.IsValid)
        {
            var repair = Repair(geometry, Describe(validity.ValidationError));
            if (!repair.Succeeded)
            {
                return repair;
            }

            // The repair's own ring order is not the user's doing, so it goes unmentioned.
            warnings.AddRange(repair.Warnings);
            geometry = repair.Geometry;
            sayRingOrder = false;
        }

        if (!(geometry.Area > 0))
        {
            return ZoneGeometryResult.Refuse("The geometry has no area.");
        }

        geometry = OrientRings(geometry, sayRingOrder ? warnings : null);
        return new ZoneGeometryResult(geometry, warnings, null);
    }

    private static ZoneGeometryResult Repair(Geometry geometry, string problem)
    {
        var repaired = Polygonal(GeometryFixer.Fix(geometry));
        if (repaired is null || !(repaired.Area > 0))
        {
            return ZoneGeometryResult.Refuse($"The geometry is invalid ({problem}) and has no area once repaired.");
        }

        // The repair must keep the area the user drew (every part enclosed by a ring, holes taken out): a repair
        // that merges overlapping parts or drops a stray hole changes the zone's meaning, and is refused instead.
        var drawn = DrawnArea(geometry);
        var change = drawn > 0 ? Math.Abs(repaired.Area - drawn) / drawn : double.PositiveInfinity;
        if (change > RepairAreaTolerance)
        {
            return ZoneGeometryResult.Refuse(
                $"The geometry is invalid ({problem}); repairing it would change its area by {change * 100:0.#}%, "
                + $"more than {RepairAreaTolerance * 100:0.#}%.");
        }

        var parts = repaired.NumGeometries;
        return new ZoneGeometryResult(repaired, [
            $"The geometry was invalid ({problem}); it was repaired into {parts} part{(parts == 1 ? "" : "s")}, "
            + $"changing its area by {change * 100:0.###}%."], null);
    }

    private static Geometry? Polygonal(Geometry geometry)
    {
        if (geometry is Polygon or MultiPolygon)
        {
            return geometry.IsEmpty ? null : geometry;
        }

        // A repair can leave a collection with slivers collapsed to lines; only the areas are the zone.
        var polygons = PolygonExtracter.GetPolygons(geometry).OfType<Polygon>().Where(p => !p.IsEmpty).ToArray();
        return polygons.Length switch
        {
            0 => null,
            1 => polygons[0],
            _ => Factory.CreateMultiPolygon(polygons),
        };
    }

    private static double DrawnArea(Geometry geometry)
    {
        var area = 0.0;
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            var polygon = (Polygon)geometry.GetGeometryN(i);
            area += EnclosedArea(polygon.Shell);
            foreach (var hole in polygon.Holes)
            {
                area -= EnclosedArea(hole);
            }
        }

        return area;
    }

    /// <summary>
    /// The area a ring encloses: for a simple ring its shoelace area; for a self-intersecting one the faces of its
    /// self-noded linework whose winding number is not zero, so that both lobes of a bow-tie count.
    /// </summary>
    private static double EnclosedArea(LinearRing ring)
    {
        if (ring.IsSimple)
        {
            return Math.Abs(Area.OfRingSigned(ring.CoordinateSequence));
        }

        var polygonizer = new Polygonizer();
        polygonizer.Add(ring.Union());
        var area = 0.0;
        foreach (var face in polygonizer.GetPolygons())
        {
            if (WindingNumber(ring.Coordinates, face.InteriorPoint.Coordinate) != 0)
            {
                area += face.Area;
            }
        }

        return area;
    }

    /// <summary>
    /// The winding number of a ring around a point (D. Sunday, "Inclusion of a point in a polygon", 2001;
    /// after Hormann and Agathos, <i>Computational Geometry</i> 20(3), 2001).
    /// </summary>
    private static int WindingNumber(Coordinate[] ring, Coordinate p)
    {
        var winding = 0;
        for (var i = 0; i + 1 < ring.Length; i++)
        {
            var a = ring[i];
            var b = ring[i + 1];
            if (a.Y <= p.Y)
            {
                if (b.Y > p.Y && Orientation.Index(a, b, p) == OrientationIndex.Left)
                {
                    winding++;
                }
            }
            else if (b.Y <= p.Y && Orientation.Index(a, b, p) == OrientationIndex.Right)
            {
                winding--;
            }
        }

        return winding;
    }

    private static string? FindFlatRing(Geometry geometry)
    {
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            var polygon = (Polygon)geometry.GetGeometryN(i);
            var rings = new[] { polygon.Shell }.Concat(polygon.Holes).ToArray();
            for (var r = 0; r < rings.Length; r++)
            {
                if (rings[r].Coordinates.Select(c => (c.X, c.Y)).Distinct().Count() < 3)
                {
                    var which = r == 0 ? "exterior ring" : $"hole {r}";
                    return $"The {which} of polygon {i} has fewer than three distinct corners.";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Sets exterior rings counter-clockwise and holes clockwise: the right-hand rule of RFC 7946, §3.1.6.
    /// </summary>
    private static Geometry OrientRings(Geometry geometry, List<string>? warnings)
    {
        var shellsTurned = 0;
        var holesTurned = 0;
        var polygons = new Polygon[geometry.NumGeometries];
        for (var i = 0; i < polygons.Length; i++)
        {
            var polygon = (Polygon)geometry.GetGeometryN(i);
            var shell = polygon.Shell;
            if (!Orientation.IsCCW(shell.CoordinateSequence))
            {
                shell = (LinearRing)shell.Reverse();
                shellsTurned++;
            }

            var holes = new LinearRing[polygon.Holes.Length];
            for (var h = 0; h < holes.Length; h++)
            {
                holes[h] = polygon.Holes[h];
                if (Orientation.IsCCW(holes[h].CoordinateSequence))
                {
                    holes[h] = (LinearRing)holes[h].Reverse();
                    holesTurned++;
                }
            }

            polygons[i] = Factory.CreatePolygon(shell, holes);
        }

        if (shellsTurned > 0)
        {
            warnings?.Add(
                $"{shellsTurned} exterior ring{(shellsTurned == 1 ? " was" : "s were")} clockwise; "
                + "turned counter-clockwise (RFC 7946, 3.1.6).");
        }

        if (holesTurned > 0)
        {
            warnings?.Add(
                $"{holesTurned} hole{(holesTurned == 1 ? " was" : "s were")} counter-clockwise; "
                + "turned clockwise (RFC 7946, 3.1.6).");
        }

        return geometry is Polygon ? polygons[0] : Factory.CreateMultiPolygon(polygons);
    }

    private static string Describe(TopologyValidationError? error) => error is null
        ? "unknown error"
        : error.Coordinate is null
            ? error.Message
            : $"{error.Message} at {error.Coordinate.X} {error.Coordinate.Y}";

    internal static bool IsInRange(double longitude, double latitude) =>
        longitude is >= -180 and <= 180 && latitude is >= -90 and <= 90;

    internal static string OutOfRange(string what, double longitude, double latitude) => 
        $"{what} ({longitude}, {latitude}) is outside WGS 84: longitude must be within -180..180 "
        + "and latitude within -90..90.";

    /// <summary>Maps coordinates of a geometry built in a local frame back to degrees, in place.</summary>
    private sealed class FrameToDegrees(LocalFrame frame) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (lon, lat) = frame.ToDegrees(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, lon);
            seq.SetY(i, lat);
        }
    }
}
