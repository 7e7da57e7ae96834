using System.Globalization;
using System.Text.Json;
using GeoCredit.Core.Ingest;
using GeoCredit.Core.Tracking;

namespace GeoCredit.Server.Ingest;

/// <summary>An item of a batch that was refused, with its place in the batch.</summary>
public sealed record RejectedItem(int Index, string? ObjectId, string Reason, string Message);

/// <summary>What a batch held: the items that passed validation and those that did not.</summary>
public sealed record PositionBatch(IReadOnlyList<PositionReport> Accepted, IReadOnlyList<RejectedItem> Rejected);

/// <summary>
/// Reads the JSON position batch of <c>POST /api/ingest/positions</c> item by item, so that one bad item
/// is reported and the rest are kept. An item is an object with <c>objectId</c>, <c>kind</c>
/// (bike, truck, vessel, yacht), <c>time</c> (ISO 8601 with an offset), <c>lon</c>, <c>lat</c> (degrees,
/// WGS 84) and optionally <c>speed</c> (km/h), <c>course</c>, <c>heading</c> (degrees) and <c>accuracy</c> (m).
/// </summary>
public sealed class PositionBatchReader(PositionValidator validator)
{
    public PositionBatch Read(JsonElement items)
    {
        var accepted = new List<PositionReport>(items.GetArrayLength());
        var rejected = new List<RejectedItem>();
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var objectId = ReadObjectId(item);
            var outcome = ReadItem(item, objectId);
            if (outcome.Report is { } report)
            {
                accepted.Add(report);
            }
            else
            {
                var rejection = outcome.Rejection!;
                rejected.Add(new RejectedItem(index, objectId, rejection.Code, rejection.Message));
            }

            index++;
        }

        return new PositionBatch(accepted, rejected);
    }

    private PositionValidation ReadItem(JsonElement item, string? objectId)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return Refuse(
                RejectionReason.MalformedRecord, $"An item must be a JSON object, not {Describe(item.ValueKind)}.");
        }

        if (!item.TryGetProperty("kind", out var kindElement) || kindElement.ValueKind != JsonValueKind.String)
        {
            return Refuse(RejectionReason.UnknownObjectKind, "The kind is missing; use bike, truck, vessel or yacht.");
        }

        if (!ObjectKinds.TryParse(kindElement.GetString(), out var kind))
        {
            return Refuse(RejectionReason.UnknownObjectKind,
                $"The kind '{kindElement.GetString()}' is unknown; use bike, truck, vessel or yacht.");
        }

        if (!item.TryGetProperty("time", out var timeElement) || timeElement.ValueKind == JsonValueKind.Null)
        {
            return Refuse(RejectionReason.MissingTime, "The fix time is missing.");
        }

        if (!TryReadTime(timeElement, out var time))
        {
            return Refuse(RejectionReason.InvalidTime,
                $"The fix time {timeElement.GetRawText()} is not an ISO 8601 time with an offset, " +
                "such as 2025-05-01T08:30:00Z.");
        }

        if (!TryReadNumber(item, "lon", required: true, out var lon, out var lonError) ||
            !TryReadNumber(item, "lat", required: true, out var lat, out lonError) ||
            !TryReadNumber(item, "speed", required: false, out var speed, out lonError) ||
            !TryReadNumber(item, "course", required: false, out var course, out lonError) ||
            !TryReadNumber(item, "heading", required: false, out var heading, out lonError) ||
            !TryReadNumber(item, "accuracy", required: false, out var accuracy, out lonError))
        {
            return Refuse(RejectionReason.MalformedRecord, lonError!);
        }

        return validator.Validate(objectId, kind, time, lon!.Value, lat!.Value, speed, course, heading, accuracy,
            PositionSource.Http);
    }

    private static string? ReadObjectId(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("objectId", out var id))
        {
            return null;
        }

        return id.ValueKind switch
        {
            JsonValueKind.String => id.GetString(),
            JsonValueKind.Number => id.GetRawText(),
            _ => null,
        };
    }

    private static bool TryReadTime(JsonElement element, out DateTimeOffset time)
    {
        time = default;
        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        // A time without an offset could be UTC, UTC+8 or the device's idea of local time: refuse to guess.
        var text = element.GetString()!;
        var tIndex = text.IndexOf('T', StringComparison.Ordinal);
        var hasOffset = text.EndsWith('Z') || (tIndex > 0 && text.AsSpan(tIndex).IndexOfAny('+', '-') > 0);
        return hasOffset &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }

    private static bool TryReadNumber(
        JsonElement item, string name, bool required, out double? value, out string? error)
    {
        value = null;
        error = null;
        if (!item.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                error = $"The field '{name}' is missing.";
                return false;
            }

            return true;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var number)
            || !double.IsFinite(number))
        {
            error = $"The field '{name}' must be a number, not {element.GetRawText()}.";
            return false;
        }

        value = number;
        return true;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

    private static PositionValidation Refuse(RejectionReason reason, string message) =>
        new(null, new Rejection(reason, message));
}
