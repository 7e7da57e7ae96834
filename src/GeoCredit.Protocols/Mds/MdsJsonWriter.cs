using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GeoCredit.Protocols.Mds;

/// <summary>
/// The output of <c>geocredit decode --format mds</c>: for a whole MDS document (events or telemetry, told apart
/// by envelope or fields) one JSON object per record, each on its own line (JSON Lines), in body order. A refused
/// record gives <c>{"error": code, "message": sentence, "index": n, "input": record}</c>; a refused document gives
/// one such line without <c>index</c>.
/// </summary>
/// <remarks>
/// Field names are MDS's own, with the unit in the name wherever a value is converted: <c>type</c>
/// (<c>event</c> or <c>telemetry</c>), <c>index</c>, <c>device_id</c>, <c>provider_id</c>, <c>event_id</c> or
/// <c>telemetry_id</c>, <c>timestamp</c> (ISO 8601 UTC with milliseconds), <c>lat</c>, <c>lon</c> (MDS
/// <c>lng</c>), and when sent <c>altitude</c> m, <c>heading</c> degrees, <c>speed_mps</c> as sent and
/// <c>speed_kmh</c> as stored, <c>horizontal_accuracy</c> m, <c>satellites</c>; for events
/// <c>vehicle_state</c>, <c>event_types</c>, <c>unknown_event_types</c>; then <c>battery_percent</c>,
/// <c>fuel_percent</c>, <c>trip_ids</c> and the other optional fields of each kind.
/// </remarks>
public static class MdsJsonWriter
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Tickets and ids may hold any text; the output is read by people and tools, not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Writes the objects for one document, each followed by a newline; nothing for a blank document.
    /// </summary>
    /// <param name="output">Where the lines go.</param>
    /// <param name="document">The MDS JSON document.</param>
    /// <param name="expectedProviderId">When given, records of any other provider are written as
    /// <c>wrong_provider</c> errors, as the server would refuse them; when null, every provider is accepted.</param>
    public static void Write(IBufferWriter<byte> output, string document, Guid? expectedProviderId = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(document);
        if (string.IsNullOrWhiteSpace(document))
        {
            return;
        }

        var body = Encoding.UTF8.GetBytes(document);
        if (!MdsBatchParser.TryOpen(body, out var json, out var refused))
        {
            WriteBodyError(output, refused!);
            return;
        }

        using (json)
        {
            var root = json!.RootElement;
            if (MdsBatchParser.DetectKind(root) == MdsDocumentKind.Telemetry)
            {
                var batch = MdsBatchParser.ParseRoot<MdsTelemetry>(root, body, MdsDocumentKind.Telemetry,
                    expectedProviderId, MdsBatchParser.DefaultMaxRecords, MdsTelemetry.TryRead);
                WriteBatch(output, batch, WriteTelemetry, static record => record.Index);
            }
            else
            {
                var batch = MdsBatchParser.ParseRoot<MdsVehicleEvent>(root, body, MdsDocumentKind.Events,
                    expectedProviderId, MdsBatchParser.DefaultMaxRecords, MdsVehicleEvent.TryRead);
                WriteBatch(output, batch, WriteEvent, static record => record.Index);
            }
        }
    }

    /// <summary>The objects for one document as text, one per line.</summary>
    public static string Format(string document, Guid? expectedProviderId = null)
    {
        var output = new ArrayBufferWriter<byte>();
        Write(output, document, expectedProviderId);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static void WriteBatch<T>(IBufferWriter<byte> output, MdsBatch<T> batch,
        Action<Utf8JsonWriter, T> writeRecord, Func<T, int> indexOf)
        where T : class
    {
        if (batch.BodyRejection is { } refused)
        {
            WriteBodyError(output, refused);
            return;
        }

        // Both lists are in body order; merging them gives one line per record in the order the operator sent.
        var records = batch.Records;
        var rejections = batch.Rejections;
        int r = 0, j = 0;
        while (r < records.Count || j < rejections.Count)
        {
            if (j == rejections.Count || (r < records.Count && indexOf(records[r]) < rejections[j].Index))
            {
                using var json = new Utf8JsonWriter(output, WriterOptions);
                json.WriteStartObject();
                writeRecord(json, records[r++]);
                json.WriteEndObject();
                json.Flush();
            }
            else
            {
                WriteRecordError(output, rejections[j++]);
            }

            NewLine(output);
        }
    }

    private static void WriteEvent(Utf8JsonWriter json, MdsVehicleEvent record)
    {
        json.WriteString("type", "event");
        json.WriteNumber("index", record.Index);
        json.WriteString("device_id", record.DeviceId.ToString("D"));
        json.WriteString("provider_id", record.ProviderId.ToString("D"));
        json.WriteString("event_id", record.EventId.ToString("D"));
        json.WriteString("timestamp", MdsJson.FormatTimestamp(record.Timestamp));
        WriteLocation(json, record.Location);
        json.WriteString("vehicle_state", record.VehicleState.ToWire());
        json.WriteStartArray("event_types");
        foreach (var type in record.EventTypes)
        {
            json.WriteStringValue(type.ToWire());
        }

        json.WriteEndArray();
        if (record.UnknownEventTypes.Count > 0)
        {
            WriteStrings(json, "unknown_event_types", record.UnknownEventTypes);
        }

        WriteOptional(json, "battery_percent", record.BatteryPercent);
        WriteOptional(json, "fuel_percent", record.FuelPercent);
        WriteUuids(json, "trip_ids", record.TripIds);
        if (record.AssociatedTicket is { } ticket)
        {
            json.WriteString("associated_ticket", ticket);
        }

        if (record.PublicationTime is { } published)
        {
            json.WriteString("publication_time", MdsJson.FormatTimestamp(published));
        }
    }

    private static void WriteTelemetry(Utf8JsonWriter json, MdsTelemetry record)
    {
        json.WriteString("type", "telemetry");
        json.WriteNumber("index", record.Index);
        json.WriteString("device_id", record.DeviceId.ToString("D"));
        json.WriteString("provider_id", record.ProviderId.ToString("D"));
        json.WriteString("telemetry_id", record.TelemetryId.ToString("D"));
        json.WriteString("timestamp", MdsJson.FormatTimestamp(record.Timestamp));
        WriteLocation(json, record.Location);
        WriteOptional(json, "battery_percent", record.BatteryPercent);
        WriteOptional(json, "fuel_percent", record.FuelPercent);
        WriteUuids(json, "trip_ids", record.TripIds);
        if (record.JourneyId is { } journey)
        {
            json.WriteString("journey_id", journey.ToString("D"));
        }

        if (record.StopId is { } stop)
        {
            json.WriteString("stop_id", stop.ToString("D"));
        }

        if (record.LocationType is { } locationType)
        {
            json.WriteString("location_type", locationType);
        }

        if (record.TippedOver is { } tipped)
        {
            json.WriteBoolean("tipped_over", tipped);
        }
    }

    private static void WriteLocation(Utf8JsonWriter json, MdsLocation location)
    {
        json.WriteNumber("lat", location.Latitude);
        json.WriteNumber("lon", location.Longitude);
        WriteOptional(json, "altitude", location.Altitude);
        WriteOptional(json, "heading", location.Heading);
        WriteOptional(json, "speed_mps", location.SpeedMps);
        WriteOptional(json, "speed_kmh", location.SpeedKmh);
        WriteOptional(json, "horizontal_accuracy", location.HorizontalAccuracyM);
        WriteOptional(json, "vertical_accuracy", location.VerticalAccuracyM);
        WriteOptional(json, "satellites", location.Satellites);
        WriteOptional(json, "hdop", location.Hdop);
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }

    private static void WriteUuids(Utf8JsonWriter json, string name, IReadOnlyList<Guid> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value.ToString("D"));
        }

        json.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteRecordError(IBufferWriter<byte> output, MdsRecordRejection rejection)
    {
        using var json = new Utf8JsonWriter(output, WriterOptions);
        json.WriteStartObject();
        json.WriteString("error", rejection.Code);
        json.WriteString("message", rejection.Message);
        json.WriteNumber("index", rejection.Index);
        json.WriteString("input", rejection.Input);
        json.WriteEndObject();
        json.Flush();
    }

    private static void WriteBodyError(IBufferWriter<byte> output, MdsBodyRejection rejection)
    {
        using var json = new Utf8JsonWriter(output, WriterOptions);
        json.WriteStartObject();
        json.WriteString("error", rejection.Code);
        json.WriteString("message", rejection.Message);
        json.WriteString("input", rejection.Input);
        json.WriteEndObject();
        json.Flush();
        NewLine(output);
    }

    private static void NewLine(IBufferWriter<byte> output)
    {
        output.GetSpan(1)[0] = (byte)'\n';
        output.Advance(1);
    }
}
