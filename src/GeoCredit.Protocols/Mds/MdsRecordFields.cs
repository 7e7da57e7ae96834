using System.Text.Json;

namespace GeoCredit.Protocols.Mds;

/// <summary>
/// Reads of the fields that MDS events and telemetry share (data-types.md §Events, §Telemetry). Each method
/// returns false with a rejection that names the field and what was found in it.
/// </summary>
internal static class MdsRecordFields
{
    /// <summary>
    /// Reads <c>provider_id</c> and checks it against the provider the request was authenticated as (agency
    /// README §Authorization: the token carries <c>provider_id</c>). A null <paramref name="expected"/> accepts
    /// any provider; only the offline decode command passes null.
    /// </summary>
    public static bool TryReadProvider(JsonElement record, Guid? expected, out Guid providerId,
        out MdsRejection rejection)
    {
        if (!TryReadUuid(record, "provider_id", MdsReason.MissingProviderId, MdsReason.BadProviderId,
                out providerId, out rejection))
        {
            return false;
        }

        if (expected is { } authenticated && providerId != authenticated)
        {
            rejection = new MdsRejection(MdsReason.WrongProvider,
                $"provider_id {providerId:D} is not {authenticated:D}, the provider the request was authenticated as.");
            return false;
        }

        return true;
    }

    /// <summary>Reads a required UUID field, telling a missing value from a malformed one.</summary>
    public static bool TryReadUuid(JsonElement record, string name, MdsReason missing, MdsReason bad,
        out Guid value, out MdsRejection rejection)
    {
        value = default;
        if (!MdsJson.TryGetValue(record, name, out var element))
        {
            rejection = MdsRejection.Of(missing);
            return false;
        }

        if (!MdsJson.TryGetUuid(element, out value))
        {
            rejection = new MdsRejection(bad, $"{name} is {MdsJson.Describe(element)}, not a UUID.");
            return false;
        }

        rejection = default;
        return true;
    }

    public static bool TryReadTimestamp(JsonElement record, out DateTimeOffset timestamp, out MdsRejection rejection)
    {
        timestamp = default;
        if (!MdsJson.TryGetValue(record, "timestamp", out var element))
        {
            rejection = MdsRejection.Of(MdsReason.MissingTimestamp);
            return false;
        }

        if (!MdsJson.TryGetTimestamp(element, out timestamp))
        {
            // ISO 8601 strings and seconds-with-fractions are the usual mistakes; MDS 2.0 allows only the integer.
            rejection = new MdsRejection(MdsReason.BadTimestamp,
                $"timestamp is {MdsJson.Describe(element)}, not integer milliseconds since the Unix epoch.");
            return false;
        }

        rejection = default;
        return true;
    }

    public static bool TryReadOptionalTimestamp(JsonElement record, string name, out DateTimeOffset? value,
        out MdsRejection rejection)
    {
        value = null;
        rejection = default;
        if (!MdsJson.TryGetValue(record, name, out var element))
        {
            return true;
        }

        if (!MdsJson.TryGetTimestamp(element, out var timestamp))
        {
            rejection = BadField(name, element, "integer milliseconds since the Unix epoch");
            return false;
        }

        value = timestamp;
        return true;
    }

    public static bool TryReadOptionalUuid(JsonElement record, string name, out Guid? value,
        out MdsRejection rejection)
    {
        value = null;
        rejection = default;
        if (!MdsJson.TryGetValue(record, name, out var element))
        {
            return true;
        }

        if (!MdsJson.TryGetUuid(element, out var uuid))
        {
            rejection = BadField(name, element, "a UUID");
            return false;
        }

        value = uuid;
        return true;
    }

    /// <summary>Reads an optional UUID array such as <c>trip_ids</c>; absent or null gives an empty list.</summary>
    public static bool TryReadOptionalUuids(JsonElement record, string name, out IReadOnlyList<Guid> values,
        out MdsRejection rejection)
    {
        values = [];
        rejection = default;
        if (!MdsJson.TryGetValue(record, name, out var element))
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            rejection = BadField(name, element, "an array of UUIDs");
            return false;
        }

        var list = new List<Guid>(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            if (!MdsJson.TryGetUuid(item, out var uuid))
            {
                rejection = new MdsRejection(MdsReason.BadField,
                    $"{name}[{list.Count}] is {MdsJson.Describe(item)}, not a UUID.");
                return false;
            }

            list.Add(uuid);
        }

        values = list;
        return true;
    }

    /// <summary>Reads <c>battery_percent</c> or <c>fuel_percent</c>: an integer from 0 to 100.</summary>
    public static bool TryReadOptionalPercent(JsonElement record, string name, out int? value,
        out MdsRejection rejection)
    {
        value = null;
        rejection = default;
        if (!MdsJson.TryGetValue(record, name, out var element))
        {
            return true;
        }

        if (!MdsJson.TryGetInteger(element, 0, 100, out var percent))
        {
            rejection = BadField(name, element, "an integer from 0 to 100");
            return false;
        }

        value = percent;
        return true;
    }

    public static bool TryReadOptionalString(JsonElement record, string name, out string? value,
        out MdsRejection rejection)
    {
        value = null;
        rejection = default;
        if (!MdsJson.TryGetValue(record, name, out var element))
        {
            return true;
        }

        value = MdsJson.TryGetString(element);
        if (value is null)
        {
            rejection = BadField(name, element, "a string");
            return false;
        }

        return true;
    }

    public static bool TryReadOptionalBoolean(JsonElement record, string name, out bool? value,
        out MdsRejection rejection)
    {
        value = null;
        rejection = default;
        if (!MdsJson.TryGetValue(record, name, out var element))
        {
            return true;
        }

        if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            rejection = BadField(name, element, "true or false");
            return false;
        }

        value = element.ValueKind == JsonValueKind.True;
        return true;
    }

    private static MdsRejection BadField(string name, JsonElement element, string expected) =>
        new(MdsReason.BadField, $"{name} is {MdsJson.Describe(element)}, not {expected}.");
}
