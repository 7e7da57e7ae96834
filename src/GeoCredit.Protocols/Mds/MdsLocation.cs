using System.Text.Json;

namespace GeoCredit.Protocols.Mds;

/// <summary>
/// An MDS 2.0 GPS object (data-types.md §GPS Data), in WGS 84 decimal degrees. Only <c>lat</c> and <c>lng</c> are
/// required; the rest are "required if available" and null when the provider did not send them.
/// </summary>
/// <remarks>
/// Ranges are not checked here: MDS sets none beyond the types, and every position goes through
/// <c>GeoCredit.Core.Ingest.PositionValidator</c>, which refuses impossible coordinates, speeds and headings
/// for every wire alike.
/// </remarks>
public sealed record MdsLocation
{
    /// <summary>Degrees north.</summary>
    public required double Latitude { get; init; }

    /// <summary>Degrees east (MDS <c>lng</c>).</summary>
    public required double Longitude { get; init; }

    /// <summary>Metres above mean sea level.</summary>
    public double? Altitude { get; init; }

    /// <summary>Degrees clockwise from true north.</summary>
    public double? Heading { get; init; }

    /// <summary>Speed as the GPS chipset reported it, in metres per second (MDS <c>speed</c>).</summary>
    public double? SpeedMps { get; init; }

    /// <summary>Horizontal accuracy in metres.</summary>
    public double? HorizontalAccuracyM { get; init; }

    /// <summary>Vertical accuracy in metres.</summary>
    public double? VerticalAccuracyM { get; init; }

    /// <summary>Number of GPS or GNSS satellites.</summary>
    public int? Satellites { get; init; }

    /// <summary>Horizontal dilution of precision: an MDS 1.x field that some 2.0 feeds still send.</summary>
    public double? Hdop { get; init; }

    /// <summary>
    /// <see cref="SpeedMps"/> in km/h. Rounded to 1 m/h because m/s × 3.6 is inexact in binary (4.2 m/s would
    /// read 15.120000000000001 km/h), and no GPS speed is that precise.
    /// </summary>
    public double? SpeedKmh => SpeedMps is { } mps ? Math.Round(mps * 3.6, 3) : null;

    /// <summary>Reads the record's <c>location</c>; the rejection names the field that is wrong.</summary>
    internal static bool TryRead(JsonElement record, out MdsLocation? location, out MdsRejection rejection)
    {
        location = null;
        if (!MdsJson.TryGetValue(record, "location", out var gps))
        {
            // MDS 2.0 allows event_geographies instead of a location (data-types.md §Events), but a record without
            // coordinates gives this platform nothing to place on the map or check against a zone.
            rejection = MdsRejection.Of(MdsReason.MissingLocation);
            return false;
        }

        if (gps.ValueKind != JsonValueKind.Object)
        {
            rejection = new MdsRejection(MdsReason.BadLocation,
                $"location is {MdsJson.Describe(gps)}, not a GPS object with lat and lng.");
            return false;
        }

        if (!TryRequired(gps, "lat", out var latitude, out rejection)
            || !TryRequired(gps, "lng", out var longitude, out rejection)
            || !TryOptional(gps, "altitude", out var altitude, out rejection)
            || !TryOptional(gps, "heading", out var heading, out rejection)
            || !TryOptional(gps, "speed", out var speed, out rejection)
            || !TryOptional(gps, "horizontal_accuracy", out var horizontalAccuracy, out rejection)
            || !TryOptional(gps, "vertical_accuracy", out var verticalAccuracy, out rejection)
            || !TryOptional(gps, "hdop", out var hdop, out rejection))
        {
            return false;
        }

        // Any finite m/s is an MDS Float, but past double.MaxValue / 3.6 it has no km/h: refuse it here, where the
        // field can still be named, rather than hand an infinity to the validator and the decode output.
        if (speed is { } mps && !double.IsFinite(mps * 3.6))
        {
            rejection = new MdsRejection(MdsReason.BadLocation,
                $"location.speed {mps} m/s is too large to express in km/h.");
            return false;
        }

        int? satellites = null;
        if (MdsJson.TryGetValue(gps, "satellites", out var count))
        {
            if (!MdsJson.TryGetInteger(count, 0, int.MaxValue, out var n))
            {
                rejection = new MdsRejection(MdsReason.BadLocation,
                    $"location.satellites is {MdsJson.Describe(count)}, not a whole number of satellites.");
                return false;
            }

            satellites = n;
        }

        location = new MdsLocation
        {
            Latitude = latitude,
            Longitude = longitude,
            Altitude = altitude,
            Heading = heading,
            SpeedMps = speed,
            HorizontalAccuracyM = horizontalAccuracy,
            VerticalAccuracyM = verticalAccuracy,
            Satellites = satellites,
            Hdop = hdop,
        };
        rejection = default;
        return true;
    }

    private static bool TryRequired(JsonElement gps, string name, out double value, out MdsRejection rejection)
    {
        value = 0;
        if (!MdsJson.TryGetValue(gps, name, out var element))
        {
            rejection = new MdsRejection(MdsReason.BadLocation, $"location.{name} is missing.");
            return false;
        }

        if (!MdsJson.TryGetNumber(element, out value))
        {
            rejection = new MdsRejection(MdsReason.BadLocation,
                $"location.{name} is {MdsJson.Describe(element)}, not a finite number.");
            return false;
        }

        rejection = default;
        return true;
    }

    private static bool TryOptional(JsonElement gps, string name, out double? value, out MdsRejection rejection)
    {
        value = null;
        rejection = default;
        if (!MdsJson.TryGetValue(gps, name, out var element))
        {
            return true;
        }

        if (!MdsJson.TryGetNumber(element, out var number))
        {
            rejection = new MdsRejection(MdsReason.BadLocation,
                $"location.{name} is {MdsJson.Describe(element)}, not a finite number.");
            return false;
        }

        value = number;
        return true;
    }
}
