using System.Text.Json;

namespace GeoCredit.Protocols.Mds;

/// <summary>
/// One MDS 2.0 telemetry point (data-types.md §Telemetry): where a vehicle was at a time, pushed by operators to
/// the agency <c>POST /vehicles/telemetry</c> endpoint.
/// </summary>
/// <remarks>
/// <c>trip_ids</c> and <c>journey_id</c> are "required" but null outside a trip, so absent and null are read
/// alike. <c>location_type</c> is kept as sent: it only describes the pavement the vehicle is on.
/// </remarks>
public sealed record MdsTelemetry
{
    /// <summary>The record's zero-based position in the body's array.</summary>
    public required int Index { get; init; }

    public required Guid DeviceId { get; init; }

    public required Guid ProviderId { get; init; }

    /// <summary>The data solution provider managing the feed, when different from the provider.</summary>
    public Guid? DataProviderId { get; init; }

    public required Guid TelemetryId { get; init; }

    /// <summary>When the fix was taken, by the GPS or GNSS clock, in UTC.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    public required MdsLocation Location { get; init; }

    /// <summary>The trips under way when the fix was taken; empty outside a trip.</summary>
    public IReadOnlyList<Guid> TripIds { get; init; } = [];

    public Guid? JourneyId { get; init; }

    /// <summary>The stop the vehicle is at, for docked vehicles.</summary>
    public Guid? StopId { get; init; }

    /// <summary>
    /// <c>street</c>, <c>sidewalk</c>, <c>crosswalk</c>, <c>garage</c> or <c>bike_lane</c>, when known.
    /// </summary>
    public string? LocationType { get; init; }

    public int? BatteryPercent { get; init; }

    public int? FuelPercent { get; init; }

    /// <summary>Whether the vehicle is tipped over, when the device can tell.</summary>
    public bool? TippedOver { get; init; }

    /// <summary>The values a position report needs; see <see cref="MdsPositionFix"/>.</summary>
    public MdsPositionFix ToPositionFix() => MdsPositionFix.From(DeviceId, ProviderId, Timestamp, Location);

    /// <summary>Reads one element of a telemetry array; the rejection gives the first problem found.</summary>
    internal static bool TryRead(JsonElement record, int index, Guid? expectedProvider, out MdsTelemetry? value,
        out MdsRejection rejection)
    {
        value = null;
        if (record.ValueKind != JsonValueKind.Object)
        {
            rejection = new MdsRejection(MdsReason.MalformedRecord,
                $"The record is {MdsJson.Describe(record)}, not a telemetry object.");
            return false;
        }

        // Provider first: a record that claims another operator's fleet is refused whatever else it says.
        if (!MdsRecordFields.TryReadProvider(record, expectedProvider, out var providerId, out rejection)
            || !MdsRecordFields.TryReadUuid(record, "device_id", MdsReason.MissingDeviceId, MdsReason.BadDeviceId,
                out var deviceId, out rejection)
            || !MdsRecordFields.TryReadUuid(record, "telemetry_id", MdsReason.MissingTelemetryId,
                MdsReason.BadTelemetryId, out var telemetryId, out rejection)
            || !MdsRecordFields.TryReadTimestamp(record, out var timestamp, out rejection)
            || !MdsLocation.TryRead(record, out var location, out rejection))
        {
            return false;
        }

        if (!MdsRecordFields.TryReadOptionalUuid(record, "data_provider_id", out var dataProviderId, out rejection)
            || !MdsRecordFields.TryReadOptionalUuids(record, "trip_ids", out var tripIds, out rejection)
            || !MdsRecordFields.TryReadOptionalUuid(record, "journey_id", out var journeyId, out rejection)
            || !MdsRecordFields.TryReadOptionalUuid(record, "stop_id", out var stopId, out rejection)
            || !MdsRecordFields.TryReadOptionalString(record, "location_type", out var locationType, out rejection)
            || !MdsRecordFields.TryReadOptionalPercent(record, "battery_percent", out var battery, out rejection)
            || !MdsRecordFields.TryReadOptionalPercent(record, "fuel_percent", out var fuel, out rejection)
            || !TryReadTippedOver(record, out var tippedOver, out rejection))
        {
            return false;
        }

        value = new MdsTelemetry
        {
            Index = index,
            DeviceId = deviceId,
            ProviderId = providerId,
            DataProviderId = dataProviderId,
            TelemetryId = telemetryId,
            Timestamp = timestamp,
            Location = location!,
            TripIds = tripIds,
            JourneyId = journeyId,
            StopId = stopId,
            LocationType = locationType,
            BatteryPercent = battery,
            FuelPercent = fuel,
            TippedOver = tippedOver,
        };
        return true;
    }

    /// <summary>
    /// MDS 2.0 names the field <c>tipped_over</c>. <c>tipped_over_status</c>, which is not an MDS name, is read
    /// as a lenient alias when the first is absent, so a feed that uses it does not silently lose the flag.
    /// </summary>
    private static bool TryReadTippedOver(JsonElement record, out bool? value, out MdsRejection rejection)
    {
        if (!MdsRecordFields.TryReadOptionalBoolean(record, "tipped_over", out value, out rejection))
        {
            return false;
        }

        return value is not null
            || MdsRecordFields.TryReadOptionalBoolean(record, "tipped_over_status", out value, out rejection);
    }
}
