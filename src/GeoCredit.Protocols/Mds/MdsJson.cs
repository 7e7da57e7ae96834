using System.Globalization;
using System.Text.Json;

namespace GeoCredit.Protocols.Mds;

/// <summary>
/// Typed reads of MDS fields from a <see cref="JsonElement"/> that never throw: every method checks the value's
/// kind before it converts, so a record of the wrong shape gives a refusal, never an exception.
/// </summary>
internal static class MdsJson
{
    private const int MaxQuotedLength = 40;

    private static readonly long MinUnixMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();

    private static readonly long MaxUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>The field's value, or false when the field is absent or <c>null</c>.</summary>
    /// <remarks>
    /// MDS uses <c>null</c> for "not applicable" (data-types.md §Telemetry, <c>trip_ids</c>), so the two are one.
    /// </remarks>
    /// <exception cref="UnreadableNameException">A property name of the object holds an escaped lone surrogate.
    /// </exception>
    public static bool TryGetValue(JsonElement record, string name, out JsonElement value)
    {
        bool found;
        try
        {
            found = record.TryGetProperty(name, out value);
        }
        catch (InvalidOperationException e)
        {
            // The lookup unescapes every name it compares; "\ud800" as a name cannot become a .NET string.
            throw new UnreadableNameException(e);
        }

        if (found && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>
    /// The string, or null when the value is not a string or holds an escaped lone surrogate, which
    /// <see cref="JsonElement.GetString"/> refuses with an exception.
    /// </summary>
    public static string? TryGetString(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A UUID in the canonical 8-4-4-4-12 hexadecimal form (general-information.md §UUIDs).</summary>
    public static bool TryGetUuid(JsonElement value, out Guid uuid)
    {
        uuid = default;
        return TryGetString(value) is { } text && Guid.TryParseExact(text, "D", out uuid);
    }

    /// <summary>
    /// An MDS Timestamp: integer milliseconds since 1970-01-01T00:00:00Z (general-information.md §Timestamps),
    /// within the range <see cref="DateTimeOffset"/> can hold.
    /// </summary>
    public static bool TryGetTimestamp(JsonElement value, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var milliseconds))
        {
            return false;
        }

        if (milliseconds < MinUnixMilliseconds || milliseconds > MaxUnixMilliseconds)
        {
            return false;
        }

        timestamp = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return true;
    }

    /// <summary>A finite JSON number: a literal too large for a double is refused, not read as infinity.</summary>
    public static bool TryGetNumber(JsonElement value, out double number)
    {
        number = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out number) && double.IsFinite(number);
    }

    /// <summary>A JSON integer (no fraction, no exponent), <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static bool TryGetInteger(JsonElement value, int min, int max, out int integer)
    {
        integer = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out integer)
            && integer >= min && integer <= max;
    }

    /// <summary>What a value is, for messages: its kind, and its text when short.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => TryGetString(value) is { } text
            ? $"the string \"{Quote(text)}\""
            : "a string with an invalid escape",
        JsonValueKind.Number => $"the number {Quote(value.GetRawText())}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>
    /// The first <paramref name="length"/> characters and an ellipsis, never splitting a surrogate pair, whose
    /// lone half the JSON writer would refuse.
    /// </summary>
    public static string Truncate(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
        return string.Concat(text.AsSpan(0, cut), "…");
    }

    private static string Quote(string text) => Truncate(text, MaxQuotedLength);

    /// <summary>Formats a timestamp the way the decode command prints it: ISO 8601, UTC, milliseconds.</summary>
    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// An object whose property names cannot be read: syntactically JSON, but no field of it can be looked up.
    /// Thrown only by <see cref="TryGetValue"/> and caught by <see cref="MdsBatchParser"/>, which refuses the
    /// record or the body; it never leaves this assembly.
    /// </summary>
    /// <remarks>
    /// System.Text.Json unescapes a name only when it could equal the one looked up, so a short unreadable name
    /// may be passed over and the record read as if it were any other unknown field. Either way, nothing throws.
    /// </remarks>
    internal sealed class UnreadableNameException(Exception inner)
        : Exception("A property name holds an escaped lone UTF-16 surrogate.", inner);
}
