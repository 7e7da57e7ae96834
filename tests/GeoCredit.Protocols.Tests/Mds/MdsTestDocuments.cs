using System.Text.Json.Nodes;
using GeoCredit.Protocols.Mds;

namespace GeoCredit.Protocols.Tests.Mds;

/// <summary>Sample files, and builders of valid MDS 2.0 records for the tests to break one field at a time.</summary>
internal static class MdsTestDocuments
{
    /// <summary>The provider the test requests are authenticated as (see Samples/Mds/README.md).</summary>
    public static readonly Guid Provider = Guid.Parse("cbd6c5f9-a599-4e3f-ae6f-a37177085130");

    public static readonly Guid OtherProvider = Guid.Parse("e67ccff9-cb16-4812-b51c-826def791246");

    public const string Device = "0e020f4a-05d9-4c78-a49c-bb06d29ba77a";

    public const string Trip = "ba82f54a-6d9e-41d8-97d3-aadfe4da23bb";

    /// <summary>2025-03-05T02:20:30.123Z.</summary>
    public const long Timestamp = 1_741_141_230_123;

    public static string Sample(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "Mds", name));

    /// <summary>A valid trip-start event with every GPS field.</summary>
    public static JsonObject Event() => new()
    {
        ["device_id"] = Device,
        ["provider_id"] = Provider.ToString(),
        ["event_id"] = "df899d2a-5629-4310-af6b-af133d0b801a",
        ["vehicle_state"] = "on_trip",
        ["event_types"] = new JsonArray("trip_start"),
        ["timestamp"] = Timestamp,
        ["location"] = Location(),
        ["battery_percent"] = 87,
        ["trip_ids"] = new JsonArray(Trip),
    };

    /// <summary>A valid telemetry point during a trip.</summary>
    public static JsonObject Telemetry() => new()
    {
        ["device_id"] = Device,
        ["provider_id"] = Provider.ToString(),
        ["telemetry_id"] = "7652445c-331c-4d0c-847c-470fced25974",
        ["timestamp"] = Timestamp,
        ["trip_ids"] = new JsonArray(Trip),
        ["journey_id"] = null,
        ["location"] = Location(),
        ["battery_percent"] = 87,
    };

    public static JsonObject Location() => new()
    {
        ["lat"] = 39.908692,
        ["lng"] = 116.397477,
        ["altitude"] = 44.0,
        ["heading"] = 270.0,
        ["speed"] = 4.2,
        ["horizontal_accuracy"] = 5.0,
        ["vertical_accuracy"] = 7.5,
        ["satellites"] = 11,
    };

    /// <summary>A record changed by <paramref name="change"/>, for one-line variations in tests.</summary>
    public static JsonObject With(this JsonObject record, Action<JsonObject> change)
    {
        change(record);
        return record;
    }

    /// <summary>A bare JSON array of the records.</summary>
    public static string Batch(params JsonNode?[] records) => new JsonArray(records).ToJsonString();

    public static MdsBatch<MdsVehicleEvent> Events(params JsonNode?[] records) =>
        MdsBatchParser.ParseEvents(Batch(records), Provider);

    public static MdsBatch<MdsTelemetry> Telemetries(params JsonNode?[] records) =>
        MdsBatchParser.ParseTelemetry(Batch(records), Provider);
}
