using System.Globalization;

namespace GeoCredit.Protocols.Ais;

/// <summary>
/// One decoded AIS message (ITU-R M.1371-5, Annex 8), in real units. A value that the transmitter marked
/// "not available" is <see langword="null"/>. A struct so that a class A position report is decoded without
/// touching the heap; only messages with text (<see cref="Static"/>) allocate.
/// </summary>
public readonly record struct AisMessage
{
    /// <summary>The message identifier, 1 to 27.</summary>
    public int Type { get; init; }

    /// <summary>How many times a repeater has retransmitted the message (0 to 3).</summary>
    public int Repeat { get; init; }

    /// <summary>The transmitting station's Maritime Mobile Service Identity (ITU-R M.585).</summary>
    public int Mmsi { get; init; }

    /// <summary>The position part, present exactly when <see cref="CarriesPosition"/> is true.</summary>
    public AisPositionReport? Position { get; init; }

    /// <summary>The static part (names, dimensions, voyage), present exactly when <see cref="CarriesStaticData"/>
    /// is true.</summary>
    public AisStaticData? Static { get; init; }

    /// <summary>The UTC date and time a base station (type 4) reports, when every part of it is available.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Where and how the sentence carrying the message was received.</summary>
    public AisReception Reception { get; init; }

    /// <summary>True for the types that report a position: 1, 2, 3, 4, 18, 19, 21 and 27.</summary>
    public bool CarriesPosition => AisMessageTypes.CarriesPosition(Type);

    /// <summary>True for the types that report static data: 5, 19, 21 and 24.</summary>
    public bool CarriesStaticData => AisMessageTypes.CarriesStaticData(Type);

    /// <summary>The MMSI as the nine digits people write (base stations start with 00). Allocates a string.</summary>
    public string MmsiText => Mmsi.ToString("D9", CultureInfo.InvariantCulture);

    /// <summary>
    /// When the position was fixed. A base station gives the full time; other reports give only the second of
    /// the minute (ITU-R M.1371-5, Annex 8, §3.1, "Time stamp"), so the fix is put at the latest instant with that
    /// second that is no more than 55 seconds before the reception time (or up to 5 seconds after it, to allow
    /// for a receiver clock that runs a little behind). The reception time is the tag block's <c>c:</c> time
    /// when there is one, else <paramref name="receivedAt"/>. Without a usable second the reception time is used.
    /// </summary>
    public DateTimeOffset FixTime(DateTimeOffset receivedAt)
    {
        if (Timestamp is { } timestamp)
        {
            return timestamp;
        }

        var reference = Reception.StationTime ?? receivedAt;
        if (Position?.Second is not { } second)
        {
            return reference;
        }

        var wholeTicks = reference.UtcTicks - reference.UtcTicks % TimeSpan.TicksPerSecond;
        var whole = new DateTimeOffset(wholeTicks, TimeSpan.Zero);
        var behind = (whole.Second - second + 60) % 60;
        if (behind > 55)
        {
            behind -= 60;
        }

        return whole.AddSeconds(-behind);
    }
}

/// <summary>The AIS message types by what they carry.</summary>
public static class AisMessageTypes
{
    /// <summary>True for 1, 2, 3 (class A), 4 (base station), 18, 19 (class B), 21 (aid to navigation), 27.</summary>
    public static bool CarriesPosition(int type) => type is 1 or 2 or 3 or 4 or 18 or 19 or 21 or 27;

    /// <summary>True for 5 (static and voyage), 19 (extended class B), 21 (aid to navigation), 24 (static).</summary>
    public static bool CarriesStaticData(int type) => type is 5 or 19 or 21 or 24;

    /// <summary>True for the types this decoder reads; any other type is refused as unsupported.</summary>
    public static bool IsSupported(int type) => CarriesPosition(type) || CarriesStaticData(type);
}

/// <summary>How a sentence reached us: the VHF channel, own-ship or not, and the NMEA 4.10 tag block source.</summary>
/// <param name="Channel">The AIS channel, <c>A</c> or <c>B</c> (some receivers say <c>1</c> or <c>2</c>);
/// <c>'\0'</c> when the sentence leaves it empty.</param>
/// <param name="IsOwnShip">True for a <c>VDO</c> sentence: the receiving station's own transmission.</param>
/// <param name="Station">The tag block's source station (<c>s:</c>), when there is one.</param>
/// <param name="StationTime">The tag block's receive time (<c>c:</c>), when there is one.</param>
public readonly record struct AisReception(char Channel, bool IsOwnShip, string? Station, DateTimeOffset? StationTime);

/// <summary>
/// The position part of a message. Which fields a type fills: 1, 2, 3 all of them; 18 and 19 no rate of turn and
/// no navigation status; 27 whole knots and degrees at 1/10 minute resolution, no heading; 4 and 21 only the
/// position itself.
/// </summary>
/// <param name="Latitude">Degrees north, -90 to 90; null when not available (91°) or out of range.</param>
/// <param name="Longitude">Degrees east, -180 to 180; null when not available (181°) or out of range.</param>
/// <param name="HighAccuracy">The position accuracy flag: true for better than 10 m (DGNSS).</param>
/// <param name="Speed">Speed over ground in knots; 102.2 means 102.2 knots or more.</param>
/// <param name="Course">Course over ground in degrees from true north, 0 to 359.9.</param>
/// <param name="Heading">True heading in whole degrees, 0 to 359.</param>
/// <param name="RateOfTurn">Rate of turn, for class A reports only.</param>
/// <param name="NavigationStatus">ITU-R M.1371-5 navigational status, 0 to 15 (15 = not defined).</param>
/// <param name="Second">The UTC second of the fix, 0 to 59; null for 60 (not available) and 61 to 63 (the
/// positioning system was in manual, dead-reckoning or inoperative mode).</param>
/// <param name="Raim">True when the position was checked by receiver autonomous integrity monitoring.</param>
public readonly record struct AisPositionReport(
    double? Latitude,
    double? Longitude,
    bool HighAccuracy,
    double? Speed,
    double? Course,
    int? Heading,
    AisRateOfTurn? RateOfTurn,
    int? NavigationStatus,
    int? Second,
    bool Raim)
{
    /// <summary>One knot is one nautical mile (1852 m) an hour.</summary>
    private const double KmhPerKnot = 1.852;

    /// <summary>True when both latitude and longitude are available.</summary>
    public bool HasFix => Latitude.HasValue && Longitude.HasValue;

    /// <summary>Speed over ground in km/h, as the rest of GeoCredit measures it.</summary>
    public double? SpeedKmh => Speed * KmhPerKnot;
}

/// <summary>
/// A class A rate of turn (ITU-R M.1371-5, Annex 8, §3.1, "Rate of turn ROT_AIS"). The transmitter sends
/// ROT_AIS = 4.733 √(ROT) with the sign of the turn, where ROT is in degrees per minute; +127 and -127 mean
/// "turning right (left) at more than 5° per 30 s" from a ship without a turn indicator.
/// </summary>
/// <param name="Raw">ROT_AIS as sent, -127 to 127 (-128, not available, is never stored here).</param>
public readonly record struct AisRateOfTurn(sbyte Raw)
{
    private const double Scale = 4.733;

    /// <summary>True for ±127: the ship has no turn indicator and only the direction is known.</summary>
    public bool HasNoTurnIndicator => Raw is 127 or -127;

    /// <summary>True when turning to starboard.</summary>
    public bool IsTurningRight => Raw > 0;

    /// <summary>Degrees per minute, positive to starboard; null when only the direction is known.</summary>
    public double? DegreesPerMinute
    {
        get
        {
            if (HasNoTurnIndicator)
            {
                return null;
            }

            var root = Raw / Scale;
            return Raw < 0 ? -(root * root) : root * root;
        }
    }
}

/// <summary>
/// The distances from the position reference point to the hull, in metres (ITU-R M.1371-5, Annex 8, §3.3).
/// 511 (bow and stern) and 63 (port and starboard) mean "that many or more".
/// </summary>
public readonly record struct AisDimensions(int ToBow, int ToStern, int ToPort, int ToStarboard);

/// <summary>An estimated time of arrival in UTC (ITU-R M.1371-5, Annex 8, §3.3); the year is not sent.</summary>
public readonly record struct AisEta(int? Month, int? Day, int? Hour, int? Minute)
{
    /// <summary>True when month, day, hour and minute are all available.</summary>
    public bool IsComplete => Month.HasValue && Day.HasValue && Hour.HasValue && Minute.HasValue;
}

/// <summary>
/// The static part of a message: what is sent for types 5, 19, 21 and 24. Text is without its <c>@</c>
/// padding and trailing spaces; an empty text, a zero IMO number, ship type or draught, and all-zero
/// dimensions are "not available" and so null. Type 24 parts A and B arrive as separate messages and are
/// not merged here: <see cref="PartNumber"/> says which one this is.
/// </summary>
public sealed record AisStaticData
{
    /// <summary>The ship's name (types 5, 19, 24 part A), or the aid to navigation's name with its extension.</summary>
    public string? Name { get; init; }

    public string? CallSign { get; init; }

    public int? ImoNumber { get; init; }

    /// <summary>The type of ship and cargo, 1 to 99 (the ship type list of ITU-R M.1371-5, Annex 8, §3.3).</summary>
    public int? ShipType { get; init; }

    public AisDimensions? Dimensions { get; init; }

    /// <summary>The maximum present static draught in metres; 25.5 means 25.5 m or more.</summary>
    public double? Draught { get; init; }

    public string? Destination { get; init; }

    public AisEta? Eta { get; init; }

    /// <summary>For type 24: 0 for part A (the name), 1 for part B (type, vendor, call sign, dimensions).</summary>
    public int? PartNumber { get; init; }

    /// <summary>For type 24 part B: the manufacturer's three-character id.</summary>
    public string? VendorId { get; init; }

    /// <summary>For type 24 part B: the manufacturer's unit model code.</summary>
    public int? UnitModel { get; init; }

    /// <summary>For type 24 part B: the unit's serial number.</summary>
    public int? SerialNumber { get; init; }

    /// <summary>For type 24 part B from an auxiliary craft (MMSI 98xxxyyyy): the parent ship, not dimensions.</summary>
    public int? MothershipMmsi { get; init; }

    /// <summary>For type 21: the type of aid to navigation, 1 to 31 (ITU-R M.1371-5, Annex 8, §3.21).</summary>
    public int? AidType { get; init; }

    /// <summary>For type 21: true when a floating aid is off its charted position.</summary>
    public bool? IsOffPosition { get; init; }

    /// <summary>For type 21: true for a virtual aid, one that exists only as this broadcast.</summary>
    public bool? IsVirtualAid { get; init; }
}
