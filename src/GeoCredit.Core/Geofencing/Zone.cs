using NetTopologySuite.Geometries;

namespace GeoCredit.Core.Geofencing;

/// <summary>
/// A zone: an area in WGS 84 (longitude as X, latitude as Y) with a kind and attributes. Immutable, so one instance
/// can be shared by every index and thread. Build the geometry from user input with <see cref="ZoneGeometry"/>,
/// which validates and repairs it; the constructor only refuses what no caller should pass.
/// </summary>
public sealed record Zone
{
    /// <exception cref="ArgumentException">The id is blank, or the geometry is empty or not polygonal.</exception>
    public Zone(
        string id,
        string name,
        ZoneKind kind,
        Geometry geometry,
        ZoneAttributes? attributes = null,
        int version = 1,
        ZoneShape? shape = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(geometry);
        if (geometry.IsEmpty || geometry is not (Polygon or MultiPolygon))
        {
            throw new ArgumentException(
                $"Zone '{id}' needs a non-empty Polygon or MultiPolygon, not {geometry.GeometryType}.",
                nameof(geometry));
        }

        Id = id;
        Name = string.IsNullOrWhiteSpace(name) ? id : name;
        Kind = kind;
        Geometry = geometry;
        Attributes = attributes ?? ZoneAttributes.None;
        Version = version;
        Shape = shape ?? new AreaShape();
    }

    /// <summary>The stable id; a replacement of the zone keeps it and raises <see cref="Version"/>.</summary>
    public string Id { get; }

    public string Name { get; }

    public ZoneKind Kind { get; }

    /// <summary>The area as a Polygon or MultiPolygon in WGS 84; circles and corridors are approximated.</summary>
    public Geometry Geometry { get; }

    public ZoneAttributes Attributes { get; }

    /// <summary>The version of this zone's definition, raised by whoever edits it.</summary>
    public int Version { get; }

    /// <summary>How the zone was drawn: a plain area, a circle or a corridor.</summary>
    public ZoneShape Shape { get; }
}

/// <summary>What rules read from a zone besides its area.</summary>
/// <param name="Capacity">How many objects may be inside at once (bike parking), when limited.</param>
/// <param name="SpeedLimitKmh">The speed limit inside, when there is one.</param>
/// <param name="OwnerTeam">The team that handles work orders raised in this zone.</param>
/// <param name="TimeWindows">When the zone applies, in the zone's local time; empty means always.</param>
/// <param name="Properties">Any other properties the source carried, as text.</param>
public sealed record ZoneAttributes(
    int? Capacity,
    double? SpeedLimitKmh,
    string? OwnerTeam,
    IReadOnlyList<ZoneTimeWindow> TimeWindows,
    IReadOnlyDictionary<string, string> Properties)
{
    public static ZoneAttributes None { get; } = new(
        null, null, null, [], new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>Whether the zone applies at a local time: always when it has no windows.</summary>
    public bool AppliesAt(DateTime localTime) =>
        TimeWindows.Count == 0 || TimeWindows.Any(window => window.Covers(localTime));
}

/// <summary>Days of the week as flags, so that a time window names any set of them.</summary>
[Flags]
public enum WeekDays
{
    None = 0,
    Monday = 1,
    Tuesday = 2,
    Wednesday = 4,
    Thursday = 8,
    Friday = 16,
    Saturday = 32,
    Sunday = 64,
    Weekdays = Monday | Tuesday | Wednesday | Thursday | Friday,
    Weekend = Saturday | Sunday,
    All = Weekdays | Weekend,
}

/// <summary>
/// A daily window on some days of the week, in local time. A window whose end is before its start runs past
/// midnight and belongs to the day it starts on (22:00-06:00 on Friday covers Saturday 03:00).
/// </summary>
public sealed record ZoneTimeWindow(WeekDays Days, TimeOnly From, TimeOnly To)
{
    public bool Covers(DateTime localTime)
    {
        var time = TimeOnly.FromDateTime(localTime);
        if (From <= To)
        {
            return IsOn(localTime.DayOfWeek) && time >= From && time < To;
        }

        // Past midnight: the early hours belong to the previous day's window.
        return (IsOn(localTime.DayOfWeek) && time >= From)
            || (IsOn(localTime.AddDays(-1).DayOfWeek) && time < To);
    }

    public static WeekDays ToFlag(DayOfWeek day) => (WeekDays)(1 << (((int)day + 6) % 7));

    private bool IsOn(DayOfWeek day) => (Days & ToFlag(day)) != 0;
}

/// <summary>
/// How a zone was drawn. The zone's geometry is always the area; the shape keeps what it was built from.
/// </summary>
public abstract record ZoneShape;

/// <summary>A polygon or multipolygon drawn as such.</summary>
public sealed record AreaShape : ZoneShape;

/// <summary>A circle, kept as drawn; the zone's geometry is its polygon approximation.</summary>
public sealed record CircleShape(double CentreLongitude, double CentreLatitude, double RadiusM) : ZoneShape;

/// <summary>
/// A corridor along a line, kept as drawn; the zone's geometry is the line buffered by half the width.
/// </summary>
public sealed record CorridorShape(LineString Line, double WidthM) : ZoneShape;
