using System.Text.Json;
using System.Text.Json.Serialization;

namespace GeoCredit.Storage;

/// <summary>How domain records are kept as JSON in <c>record jsonb</c> columns: web naming, enums by name.</summary>
internal static class RecordJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
