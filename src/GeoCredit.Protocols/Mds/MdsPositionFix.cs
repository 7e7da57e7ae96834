using GeoCredit.Core.Tracking;

namespace GeoCredit.Protocols.Mds;

/// <summary>
/// What an MDS record says about where a vehicle was, in the units of <see cref="PositionReport"/>: the values the
/// server hands to <c>PositionValidator.Validate</c>, then stamps with <see cref="OperatorId"/>.
/// </summary>
/// <param name="ObjectId">The <c>device_id</c>, lower-case 8-4-4-4-12, so that one device is one object however
/// the operator spells its hexadecimal digits.</param>
/// <param name="Kind">Always <see cref="ObjectKind.Bike"/>: MDS arrives from shared-bike operators.</param>
/// <param name="FixTime">The record's <c>timestamp</c>, UTC.</param>
/// <param name="Longitude">MDS <c>lng</c>, degrees east.</param>
/// <param name="Latitude">MDS <c>lat</c>, degrees north.</param>
/// <param name="SpeedKmh">MDS <c>speed</c> (m/s) × 3.6, when sent.</param>
/// <param name="Heading">MDS <c>heading</c>, degrees clockwise from true north, when sent.</param>
/// <param name="AccuracyM">MDS <c>horizontal_accuracy</c>, metres, when sent.</param>
/// <param name="OperatorId">The <c>provider_id</c>, lower-case 8-4-4-4-12.</param>
/// <remarks>
/// MDS GPS data has one direction field, <c>heading</c>; it goes to the report's heading, and course is left
/// unset rather than guessed.
/// </remarks>
public readonly record struct MdsPositionFix(
    string ObjectId,
    ObjectKind Kind,
    DateTimeOffset FixTime,
    double Longitude,
    double Latitude,
    double? SpeedKmh,
    double? Heading,
    double? AccuracyM,
    string OperatorId)
{
    /// <summary>The wire to record on the report and in the ingest counters.</summary>
    public static PositionSource Source => PositionSource.Mds;

    internal static MdsPositionFix From(Guid deviceId, Guid providerId, DateTimeOffset timestamp,
        MdsLocation location) =>
        new(deviceId.ToString("D"), ObjectKind.Bike, timestamp, location.Longitude, location.Latitude,
            location.SpeedKmh, location.Heading, location.HorizontalAccuracyM, providerId.ToString("D"));
}
