using System.Text;
using System.Text.Json;

namespace GeoCredit.Protocols.Mds;

/// <summary>
/// Reads the bodies that operators push to the agency endpoints of MDS 2.0: vehicle events
/// (<c>POST /vehicles/events</c>) and telemetry (<c>POST /vehicles/telemetry</c>). Pure: bytes or text in, a
/// <see cref="MdsBatch{TRecord}"/> out, no exception for any input. Thread-safe: it holds no state.
/// </summary>
/// <remarks>
/// <para>Accepted shapes: a bare array of records; <c>{"events": [...]}</c> or <c>{"telemetry": [...]}</c> as the
/// agency endpoints define them; <c>{"data": [...]}</c> as earlier drafts did; and <c>{"data": {"events": [...]}}</c>
/// as provider feeds wrap them. Fields this platform does not read are ignored, so newer MDS releases still
/// decode.</para>
/// <para>Every record must carry the <c>provider_id</c> the request was authenticated as; one that claims another
/// provider is refused as <c>wrong_provider</c>.</para>
/// </remarks>
public static class MdsBatchParser
{
    /// <summary>The most records one body may carry; more refuses the whole body as <c>too_many_records</c>.</summary>
    public const int DefaultMaxRecords = 10_000;

    /// <summary>How much of a refused record or body is kept, in characters, for logs and replies.</summary>
    public const int MaxInputLength = 512;

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        // MDS records nest five levels deep; the limit only stops a hostile body from costing stack and time.
        MaxDepth = 64,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    public static MdsBatch<MdsVehicleEvent> ParseEvents(ReadOnlyMemory<byte> utf8Body, Guid expectedProviderId,
        int maxRecords = DefaultMaxRecords)
    {
        CheckArguments(expectedProviderId, maxRecords);
        return Parse<MdsVehicleEvent>(utf8Body, MdsDocumentKind.Events, expectedProviderId, maxRecords,
            MdsVehicleEvent.TryRead);
    }

    public static MdsBatch<MdsVehicleEvent> ParseEvents(string body, Guid expectedProviderId,
        int maxRecords = DefaultMaxRecords)
    {
        ArgumentNullException.ThrowIfNull(body);
        return ParseEvents(Encoding.UTF8.GetBytes(body), expectedProviderId, maxRecords);
    }

    public static MdsBatch<MdsTelemetry> ParseTelemetry(ReadOnlyMemory<byte> utf8Body, Guid expectedProviderId,
        int maxRecords = DefaultMaxRecords)
    {
        CheckArguments(expectedProviderId, maxRecords);
        return Parse<MdsTelemetry>(utf8Body, MdsDocumentKind.Telemetry, expectedProviderId, maxRecords,
            MdsTelemetry.TryRead);
    }

    public static MdsBatch<MdsTelemetry> ParseTelemetry(string body, Guid expectedProviderId,
        int maxRecords = DefaultMaxRecords)
    {
        ArgumentNullException.ThrowIfNull(body);
        return ParseTelemetry(Encoding.UTF8.GetBytes(body), expectedProviderId, maxRecords);
    }

    /// <summary>Opens a body as JSON, or says why it is not JSON.</summary>
    internal static bool TryOpen(ReadOnlyMemory<byte> body, out JsonDocument? document,
        out MdsBodyRejection? rejection)
    {
        // Some HTTP clients and editors put a byte order mark before the JSON; RFC 8259 §8.1 lets a reader skip it.
        if (body.Span.StartsWith(Utf8ByteOrderMark))
        {
            body = body[Utf8ByteOrderMark.Length..];
        }

        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
            rejection = null;
            return true;
        }
        catch (JsonException e)
        {
            document = null;
            rejection = new MdsBodyRejection(
                new MdsRejection(MdsReason.NotJson, $"The body is not valid JSON: {e.Message}"), Cut(body.Span));
            return false;
        }
    }

    /// <summary>
    /// Which kind of document a root holds, for the decode command, which is given a file and no endpoint: the
    /// envelope's name when there is one, else the fields of the first record (only events have
    /// <c>event_id</c>, <c>vehicle_state</c> and <c>event_types</c>).
    /// </summary>
    internal static MdsDocumentKind DetectKind(JsonElement root)
    {
        try
        {
            return DetectKindOf(root);
        }
        catch (MdsJson.UnreadableNameException)
        {
            // Parsing as events then refuses the body or the record with the reason.
            return MdsDocumentKind.Events;
        }
    }

    private static MdsDocumentKind DetectKindOf(JsonElement root)
    {
        var data = root;
        if (root.ValueKind == JsonValueKind.Object)
        {
            if (HasValue(root, "events"))
            {
                return MdsDocumentKind.Events;
            }

            if (HasValue(root, "telemetry"))
            {
                return MdsDocumentKind.Telemetry;
            }

            if (!MdsJson.TryGetValue(root, "data", out data))
            {
                return MdsDocumentKind.Events;
            }

            if (data.ValueKind == JsonValueKind.Object)
            {
                return HasValue(data, "telemetry") ? MdsDocumentKind.Telemetry : MdsDocumentKind.Events;
            }
        }

        if (data.ValueKind != JsonValueKind.Array)
        {
            return MdsDocumentKind.Events;
        }

        foreach (var record in data.EnumerateArray())
        {
            if (record.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var isEvent = HasValue(record, "event_id") || HasValue(record, "vehicle_state")
                || HasValue(record, "event_types");
            return isEvent || !HasValue(record, "telemetry_id") ? MdsDocumentKind.Events : MdsDocumentKind.Telemetry;
        }

        return MdsDocumentKind.Events;
    }

    /// <summary>Reads the records under an opened root, one by one.</summary>
    internal static MdsBatch<T> ParseRoot<T>(JsonElement root, ReadOnlySpan<byte> body, MdsDocumentKind kind,
        Guid? expectedProvider, int maxRecords, MdsRecordReader<T> read)
        where T : class
    {
        if (!TryFindRecordsSafely(root, kind, out var array, out var shape))
        {
            return new MdsBatch<T> { BodyRejection = new MdsBodyRejection(shape, Cut(body)) };
        }

        // The count is known before any record is read, so an oversized body costs no record decoding.
        var total = array.GetArrayLength();
        if (total > maxRecords)
        {
            var tooMany = new MdsRejection(MdsReason.TooManyRecords,
                $"The body holds {total} records; at most {maxRecords} are accepted in one request.");
            return new MdsBatch<T> { BodyRejection = new MdsBodyRejection(tooMany, Cut(body)) };
        }

        var records = new List<T>(total);
        var rejections = new List<MdsRecordRejection>();
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (TryRead(read, element, index, expectedProvider, out var record, out var rejection))
            {
                records.Add(record!);
            }
            else
            {
                rejections.Add(new MdsRecordRejection(index, rejection, Cut(element.GetRawText())));
            }

            index++;
        }

        return new MdsBatch<T> { Records = records, Rejections = rejections, Total = total };
    }

    /// <summary>Cuts a refused input to <see cref="MaxInputLength"/> characters, marking the cut.</summary>
    internal static string Cut(string text) => MdsJson.Truncate(text, MaxInputLength);

    private static string Cut(ReadOnlySpan<byte> body)
    {
        // A UTF-8 character is at most four bytes: decode only what can survive the cut, not a 10 MB body.
        var head = body[..Math.Min(body.Length, MaxInputLength * 4)];
        return Cut(Encoding.UTF8.GetString(head));
    }

    private static MdsBatch<T> Parse<T>(ReadOnlyMemory<byte> body, MdsDocumentKind kind, Guid expectedProvider,
        int maxRecords, MdsRecordReader<T> read)
        where T : class
    {
        if (!TryOpen(body, out var document, out var rejection))
        {
            return new MdsBatch<T> { BodyRejection = rejection };
        }

        using (document)
        {
            return ParseRoot(document!.RootElement, body.Span, kind, expectedProvider, maxRecords, read);
        }
    }

    private static bool TryRead<T>(MdsRecordReader<T> read, JsonElement element, int index, Guid? expectedProvider,
        out T? record, out MdsRejection rejection)
        where T : class
    {
        try
        {
            return read(element, index, expectedProvider, out record, out rejection);
        }
        catch (MdsJson.UnreadableNameException)
        {
            record = null;
            rejection = new MdsRejection(MdsReason.MalformedRecord,
                "The record has a field name with an invalid \\u escape (a lone UTF-16 surrogate).");
            return false;
        }
    }

    private static bool TryFindRecordsSafely(JsonElement root, MdsDocumentKind kind, out JsonElement array,
        out MdsRejection rejection)
    {
        try
        {
            return TryFindRecords(root, kind, out array, out rejection);
        }
        catch (MdsJson.UnreadableNameException)
        {
            array = default;
            rejection = new MdsRejection(MdsReason.NotJson,
                "The body has a field name with an invalid \\u escape (a lone UTF-16 surrogate).");
            return false;
        }
    }

    private static bool TryFindRecords(JsonElement root, MdsDocumentKind kind, out JsonElement array,
        out MdsRejection rejection)
    {
        var name = kind == MdsDocumentKind.Events ? "events" : "telemetry";
        array = root;
        rejection = default;
        if (root.ValueKind == JsonValueKind.Array)
        {
            return true;
        }

        if (root.ValueKind == JsonValueKind.Object)
        {
            if (MdsJson.TryGetValue(root, name, out array))
            {
                return IsArray(array, name, out rejection);
            }

            if (MdsJson.TryGetValue(root, "data", out var data))
            {
                if (data.ValueKind == JsonValueKind.Array)
                {
                    array = data;
                    return true;
                }

                if (data.ValueKind == JsonValueKind.Object && MdsJson.TryGetValue(data, name, out array))
                {
                    return IsArray(array, $"data.{name}", out rejection);
                }
            }
        }

        rejection = new MdsRejection(MdsReason.NotAnArray,
            $"The body is {MdsJson.Describe(root)} with no {name} array in it; send [...], {{\"{name}\": [...]}}, "
            + $"{{\"data\": [...]}} or {{\"data\": {{\"{name}\": [...]}}}}.");
        return false;
    }

    private static bool IsArray(JsonElement value, string path, out MdsRejection rejection)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            rejection = default;
            return true;
        }

        rejection = new MdsRejection(MdsReason.NotAnArray, $"{path} is {MdsJson.Describe(value)}, not an array.");
        return false;
    }

    private static bool HasValue(JsonElement record, string name) => MdsJson.TryGetValue(record, name, out _);

    private static void CheckArguments(Guid expectedProviderId, int maxRecords)
    {
        // An empty id would let a misconfigured token through as "no provider"; refuse it loudly instead.
        if (expectedProviderId == Guid.Empty)
        {
            throw new ArgumentException("The authenticated provider id must not be empty.", nameof(expectedProviderId));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecords, 1);
    }
}

/// <summary>The two kinds of body that operators push.</summary>
internal enum MdsDocumentKind
{
    Events,
    Telemetry,
}

/// <summary>Reads one element of a records array into a record, or says why it cannot.</summary>
internal delegate bool MdsRecordReader<T>(JsonElement record, int index, Guid? expectedProvider, out T? value,
    out MdsRejection rejection)
    where T : class;
