namespace GeoCredit.Core.Geofencing;

/// <summary>What a zone is for; rules choose zones by kind.</summary>
public enum ZoneKind
{
    /// <summary>A permitted parking fence for shared bikes.</summary>
    Parking,

    /// <summary>An area where bikes must not be parked.</summary>
    NoParking,

    /// <summary>The area an operator is licensed to serve.</summary>
    OperatingArea,

    /// <summary>A restricted core area, such as the core zone of a river for yachts.</summary>
    CoreZone,

    /// <summary>A chemical park that red-coded hazardous-goods vehicles must not enter.</summary>
    ChemicalPark,

    /// <summary>The waters in front of a lock where vessels queue.</summary>
    LockApproach,

    /// <summary>A lock chamber.</summary>
    LockChamber,

    /// <summary>An anchorage where vessels wait or are checked.</summary>
    Anchorage,

    /// <summary>A berth at a terminal.</summary>
    Berth,

    /// <summary>A city or district boundary.</summary>
    Jurisdiction,

    /// <summary>The approach to a highway toll gate where listed vehicles are stopped.</summary>
    HighwayEntrance,

    /// <summary>A port or border crossing.</summary>
    Port,
}

/// <summary>
/// Parsing and printing of <see cref="ZoneKind"/> in the snake_case form used in GeoJSON properties and on the wire
/// (<c>no_parking</c>, <c>chemical_park</c>).
/// </summary>
public static class ZoneKinds
{
    public static IReadOnlyList<ZoneKind> All { get; } = Enum.GetValues<ZoneKind>();

    public static string ToWire(this ZoneKind kind) => kind switch
    {
        ZoneKind.Parking => "parking",
        ZoneKind.NoParking => "no_parking",
        ZoneKind.OperatingArea => "operating_area",
        ZoneKind.CoreZone => "core_zone",
        ZoneKind.ChemicalPark => "chemical_park",
        ZoneKind.LockApproach => "lock_approach",
        ZoneKind.LockChamber => "lock_chamber",
        ZoneKind.Anchorage => "anchorage",
        ZoneKind.Berth => "berth",
        ZoneKind.Jurisdiction => "jurisdiction",
        ZoneKind.HighwayEntrance => "highway_entrance",
        ZoneKind.Port => "port",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown zone kind."),
    };

    /// <summary>Parses the snake_case name of a kind, ignoring case.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ZoneKind kind)
    {
        foreach (var candidate in All)
        {
            if (text.Equals(candidate.ToWire(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
