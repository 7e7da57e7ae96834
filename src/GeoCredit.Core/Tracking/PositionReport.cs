namespace GeoCredit.Core.Tracking;

/// <summary>
/// One validated fix of one tracked object, in WGS 84. Every protocol decodes into this one shape;
/// everything downstream (storage, live state, geofencing) reads only this.
/// </summary>
/// <param name="ObjectId">The tracked object's id (an MMSI, a terminal number, an operator's vehicle id).</param>
/// <param name="Kind">What the object is.</param>
/// <param name="FixTime">When the device took the fix (device clock).</param>
/// <param name="ReceivedAt">When the server received it (server clock).</param>
/// <param name="Longitude">Degrees east, -180 to 180.</param>
/// <param name="Latitude">Degrees north, -90 to 90.</param>
/// <param name="SpeedKmh">Speed over ground in km/h, when the device reports it.</param>
/// <param name="Course">Course over ground in degrees from true north, 0 to 360, when reported.</param>
/// <param name="Heading">True heading in degrees, when reported.</param>
/// <param name="AccuracyM">Horizontal accuracy in metres, when known.</param>
/// <param name="Source">The wire it arrived on.</param>
/// <param name="OperatorId">The company that operates the object (a bike operator, a carrier), when the feed
/// says.</param>
public sealed record PositionReport(
    string ObjectId,
    ObjectKind Kind,
    DateTimeOffset FixTime,
    DateTimeOffset ReceivedAt,
    double Longitude,
    double Latitude,
    double? SpeedKmh,
    double? Course,
    double? Heading,
    double? AccuracyM,
    PositionSource Source,
    string? OperatorId = null);
