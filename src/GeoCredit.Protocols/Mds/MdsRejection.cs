namespace GeoCredit.Protocols.Mds;

/// <summary>
/// Why an MDS input was refused. The first three refuse a whole body; the rest refuse one record of a batch and
/// leave the records beside it alone. Every refusal is reported under exactly one of these.
/// </summary>
public enum MdsReason
{
    None = 0,

    // Whole body.
    NotJson,
    NotAnArray,
    TooManyRecords,

    // One record.
    MalformedRecord,
    MissingProviderId,
    BadProviderId,
    WrongProvider,
    MissingDeviceId,
    BadDeviceId,
    MissingEventId,
    BadEventId,
    MissingTelemetryId,
    BadTelemetryId,
    MissingTimestamp,
    BadTimestamp,
    MissingLocation,
    BadLocation,
    MissingVehicleState,
    UnknownVehicleState,
    MissingEventTypes,
    BadEventTypes,
    BadField,
}

/// <summary>
/// A refused MDS input: the reason to count and a sentence a person can act on. The default value
/// (<see cref="MdsReason.None"/>) means nothing was refused.
/// </summary>
public readonly record struct MdsRejection(MdsReason Reason, string Message)
{
    /// <summary>The stable snake_case code that counters, replies and the decode command use.</summary>
    public string Code => Reason.ToCode();

    public bool IsRejected => Reason != MdsReason.None;

    /// <summary>True for the reasons that refuse a whole body rather than one record.</summary>
    public bool IsBodyLevel => Reason is MdsReason.NotJson or MdsReason.NotAnArray or MdsReason.TooManyRecords;

    /// <summary>A rejection with the reason's standard sentence; allocates nothing.</summary>
    public static MdsRejection Of(MdsReason reason) => new(reason, reason.DefaultMessage());

    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>One refused record of a batch: where it was, why, and what it said (cut to a readable length).</summary>
/// <param name="Index">The record's zero-based position in the body's array.</param>
/// <param name="Rejection">Why it was refused.</param>
/// <param name="Input">The record's JSON text, cut to <see cref="MdsBatchParser.MaxInputLength"/> characters.</param>
public sealed record MdsRecordRejection(int Index, MdsRejection Rejection, string Input)
{
    public string Code => Rejection.Code;

    public string Message => Rejection.Message;
}

/// <summary>A refused body: nothing in it was read. The server answers these with 400.</summary>
/// <param name="Rejection">Why it was refused.</param>
/// <param name="Input">The start of the body, cut to <see cref="MdsBatchParser.MaxInputLength"/> characters.</param>
public sealed record MdsBodyRejection(MdsRejection Rejection, string Input)
{
    public string Code => Rejection.Code;

    public string Message => Rejection.Message;
}

/// <summary>Codes and standard sentences for <see cref="MdsReason"/>.</summary>
public static class MdsReasons
{
    /// <summary>
    /// The code under which a record is kept but flagged: an <c>event_types</c> value this platform does not know.
    /// It is a warning, not a <see cref="MdsReason"/>, because MDS adds event types in minor releases and the
    /// position in the record is still good.
    /// </summary>
    public const string UnknownEventTypeWarning = "unknown_event_type";

    /// <summary>Every code, in declaration order, for documentation and for tests that check their shape.</summary>
    public static IReadOnlyList<MdsReason> All { get; } =
        Enum.GetValues<MdsReason>().Where(reason => reason != MdsReason.None).ToArray();

    public static string ToCode(this MdsReason reason) => reason switch
    {
        MdsReason.None => "none",
        MdsReason.NotJson => "not_json",
        MdsReason.NotAnArray => "not_an_array",
        MdsReason.TooManyRecords => "too_many_records",
        MdsReason.MalformedRecord => "malformed_record",
        MdsReason.MissingProviderId => "missing_provider_id",
        MdsReason.BadProviderId => "bad_provider_id",
        MdsReason.WrongProvider => "wrong_provider",
        MdsReason.MissingDeviceId => "missing_device_id",
        MdsReason.BadDeviceId => "bad_device_id",
        MdsReason.MissingEventId => "missing_event_id",
        MdsReason.BadEventId => "bad_event_id",
        MdsReason.MissingTelemetryId => "missing_telemetry_id",
        MdsReason.BadTelemetryId => "bad_telemetry_id",
        MdsReason.MissingTimestamp => "missing_timestamp",
        MdsReason.BadTimestamp => "bad_timestamp",
        MdsReason.MissingLocation => "missing_location",
        MdsReason.BadLocation => "bad_location",
        MdsReason.MissingVehicleState => "missing_vehicle_state",
        MdsReason.UnknownVehicleState => "unknown_vehicle_state",
        MdsReason.MissingEventTypes => "missing_event_types",
        MdsReason.BadEventTypes => "bad_event_types",
        MdsReason.BadField => "bad_field",
        _ => "unknown",
    };

    /// <summary>The sentence used when there is nothing more specific to say; allocates nothing.</summary>
    public static string DefaultMessage(this MdsReason reason) => reason switch
    {
        MdsReason.None => "The input was accepted.",
        MdsReason.NotJson => "The body is not valid JSON.",
        MdsReason.NotAnArray => "The body is not an array of records or one of the accepted envelopes around one.",
        MdsReason.TooManyRecords => "The body holds more records than one request may carry.",
        MdsReason.MalformedRecord => "The record is not a JSON object.",
        MdsReason.MissingProviderId => "The record has no provider_id.",
        MdsReason.BadProviderId => "The provider_id is not a UUID.",
        MdsReason.WrongProvider => "The provider_id is not the provider the request was authenticated as.",
        MdsReason.MissingDeviceId => "The record has no device_id.",
        MdsReason.BadDeviceId => "The device_id is not a UUID.",
        MdsReason.MissingEventId => "The event has no event_id.",
        MdsReason.BadEventId => "The event_id is not a UUID.",
        MdsReason.MissingTelemetryId => "The telemetry has no telemetry_id.",
        MdsReason.BadTelemetryId => "The telemetry_id is not a UUID.",
        MdsReason.MissingTimestamp => "The record has no timestamp.",
        MdsReason.BadTimestamp => "The timestamp is not an integer count of milliseconds since the Unix epoch.",
        MdsReason.MissingLocation => "The record has no location.",
        MdsReason.BadLocation => "The location is not a GPS object with numeric lat and lng.",
        MdsReason.MissingVehicleState => "The event has no vehicle_state.",
        MdsReason.UnknownVehicleState => "The vehicle_state is not one of the MDS 2.0 vehicle states.",
        MdsReason.MissingEventTypes => "The event has no event_types, or the array is empty.",
        MdsReason.BadEventTypes => "The event_types is not an array of strings.",
        MdsReason.BadField => "An optional field has a value of the wrong type or outside its range.",
        _ => "The input was refused.",
    };
}
