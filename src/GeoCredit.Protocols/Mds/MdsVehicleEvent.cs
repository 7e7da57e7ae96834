using System.Text.Json;

namespace GeoCredit.Protocols.Mds;

/// <summary>
/// One MDS 2.0 vehicle event (data-types.md §Events): a change of a vehicle's state, with where it happened. Pushed
/// by operators to the agency <c>POST /vehicles/events</c> endpoint and served by provider <c>events</c> feeds.
/// </summary>
/// <remarks>
/// <para>An unknown <c>vehicle_state</c> refuses the record: the state machine (modes/vehicle_states.md) is what a
/// regulator counts fleets by, and a state nobody can place would be counted wrongly. An unknown
/// <c>event_types</c> value keeps the record and is listed in <see cref="UnknownEventTypes"/> (counted as
/// <see cref="MdsReasons.UnknownEventTypeWarning"/>): MDS adds event types in minor releases and the position is
/// still good.</para>
/// <para>Not checked: that <c>trip_ids</c> is present for trip events, and that <c>event_types</c> are allowed for
/// the <c>vehicle_state</c> in the mode's state machine. Neither changes the position, and both need the mode.</para>
/// </remarks>
public sealed record MdsVehicleEvent
{
    /// <summary>The record's zero-based position in the body's array.</summary>
    public required int Index { get; init; }

    public required Guid DeviceId { get; init; }

    public required Guid ProviderId { get; init; }

    /// <summary>The data solution provider managing the feed, when different from the provider.</summary>
    public Guid? DataProviderId { get; init; }

    public required Guid EventId { get; init; }

    public required MdsVehicleState VehicleState { get; init; }

    /// <summary>The event types this platform knows, in the order sent.</summary>
    public required IReadOnlyList<MdsEventType> EventTypes { get; init; }

    /// <summary>Event type strings that are not MDS 2.0 values, kept as sent; usually empty.</summary>
    public IReadOnlyList<string> UnknownEventTypes { get; init; } = [];

    /// <summary>When the event happened, in UTC.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>When the event became available in the provider's feed, in UTC.</summary>
    public DateTimeOffset? PublicationTime { get; init; }

    public required MdsLocation Location { get; init; }

    public int? BatteryPercent { get; init; }

    public int? FuelPercent { get; init; }

    public IReadOnlyList<Guid> TripIds { get; init; } = [];

    /// <summary>An identifier in the agency's 311 or CRM system.</summary>
    public string? AssociatedTicket { get; init; }

    /// <summary>The values a position report needs; see <see cref="MdsPositionFix"/>.</summary>
    public MdsPositionFix ToPositionFix() => MdsPositionFix.From(DeviceId, ProviderId, Timestamp, Location);

    /// <summary>Reads one element of an events array; the rejection gives the first problem found.</summary>
    internal static bool TryRead(JsonElement record, int index, Guid? expectedProvider, out MdsVehicleEvent? value,
        out MdsRejection rejection)
    {
        value = null;
        if (record.ValueKind != JsonValueKind.Object)
        {
            rejection = new MdsRejection(MdsReason.MalformedRecord,
                $"The record is {MdsJson.Describe(record)}, not an event object.");
            return false;
        }

        // Provider first: a record that claims another operator's fleet is refused whatever else it says.
        if (!MdsRecordFields.TryReadProvider(record, expectedProvider, out var providerId, out rejection)
            || !MdsRecordFields.TryReadUuid(record, "device_id", MdsReason.MissingDeviceId, MdsReason.BadDeviceId,
                out var deviceId, out rejection)
            || !MdsRecordFields.TryReadUuid(record, "event_id", MdsReason.MissingEventId, MdsReason.BadEventId,
                out var eventId, out rejection)
            || !MdsRecordFields.TryReadTimestamp(record, out var timestamp, out rejection)
            || !MdsLocation.TryRead(record, out var location, out rejection)
            || !TryReadVehicleState(record, out var state, out rejection)
            || !TryReadEventTypes(record, out var eventTypes, out var unknownEventTypes, out rejection))
        {
            return false;
        }

        if (!MdsRecordFields.TryReadOptionalUuid(record, "data_provider_id", out var dataProviderId, out rejection)
            || !MdsRecordFields.TryReadOptionalTimestamp(record, "publication_time", out var published, out rejection)
            || !MdsRecordFields.TryReadOptionalPercent(record, "battery_percent", out var battery, out rejection)
            || !MdsRecordFields.TryReadOptionalPercent(record, "fuel_percent", out var fuel, out rejection)
            || !MdsRecordFields.TryReadOptionalUuids(record, "trip_ids", out var tripIds, out rejection)
            || !MdsRecordFields.TryReadOptionalString(record, "associated_ticket", out var ticket, out rejection))
        {
            return false;
        }

        value = new MdsVehicleEvent
        {
            Index = index,
            DeviceId = deviceId,
            ProviderId = providerId,
            DataProviderId = dataProviderId,
            EventId = eventId,
            VehicleState = state,
            EventTypes = eventTypes,
            UnknownEventTypes = unknownEventTypes,
            Timestamp = timestamp,
            PublicationTime = published,
            Location = location!,
            BatteryPercent = battery,
            FuelPercent = fuel,
            TripIds = tripIds,
            AssociatedTicket = ticket,
        };
        return true;
    }

    private static bool TryReadVehicleState(JsonElement record, out MdsVehicleState state, out MdsRejection rejection)
    {
        state = default;
        if (!MdsJson.TryGetValue(record, "vehicle_state", out var element))
        {
            rejection = MdsRejection.Of(MdsReason.MissingVehicleState);
            return false;
        }

        if (!MdsVehicleStates.TryParse(MdsJson.TryGetString(element), out state))
        {
            rejection = new MdsRejection(MdsReason.UnknownVehicleState,
                $"vehicle_state is {MdsJson.Describe(element)}, not one of "
                + $"{string.Join(", ", MdsVehicleStates.All.Select(s => s.ToWire()))}.");
            return false;
        }

        rejection = default;
        return true;
    }

    private static bool TryReadEventTypes(JsonElement record, out IReadOnlyList<MdsEventType> known,
        out IReadOnlyList<string> unknown, out MdsRejection rejection)
    {
        known = [];
        unknown = [];
        if (!MdsJson.TryGetValue(record, "event_types", out var element))
        {
            rejection = MdsRejection.Of(MdsReason.MissingEventTypes);
            return false;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            rejection = new MdsRejection(MdsReason.BadEventTypes,
                $"event_types is {MdsJson.Describe(element)}, not an array of event type strings.");
            return false;
        }

        // An event is a transition; with no type it says nothing about why the state changed (data-types.md §Events).
        if (element.GetArrayLength() == 0)
        {
            rejection = new MdsRejection(MdsReason.MissingEventTypes, "event_types is an empty array.");
            return false;
        }

        var types = new List<MdsEventType>(element.GetArrayLength());
        List<string>? strangers = null;
        var position = 0;
        foreach (var item in element.EnumerateArray())
        {
            var text = MdsJson.TryGetString(item);
            if (text is null)
            {
                rejection = new MdsRejection(MdsReason.BadEventTypes,
                    $"event_types[{position}] is {MdsJson.Describe(item)}, not an event type string.");
                return false;
            }

            if (MdsEventTypes.TryParse(text, out var type))
            {
                types.Add(type);
            }
            else
            {
                (strangers ??= []).Add(text);
            }

            position++;
        }

        known = types;
        unknown = strangers ?? (IReadOnlyList<string>)[];
        rejection = default;
        return true;
    }
}
