using System.Text.Json;
using GeoCredit.Protocols.Mds;
using static GeoCredit.Protocols.Tests.Mds.MdsTestDocuments;

namespace GeoCredit.Protocols.Tests.Mds;

public sealed class MdsJsonWriterTests
{
    [Fact]
    public void Format_events_document_gives_the_documented_object_per_record()
    {
        var lines = Lines(MdsJsonWriter.Format(Sample("mixed-events.json")));

        Assert.Equal(6, lines.Length);
        Assert.Equal(
            "{\"type\":\"event\",\"index\":0,\"device_id\":\"0e020f4a-05d9-4c78-a49c-bb06d29ba77a\","
            + "\"provider_id\":\"cbd6c5f9-a599-4e3f-ae6f-a37177085130\","
            + "\"event_id\":\"df899d2a-5629-4310-af6b-af133d0b801a\",\"timestamp\":\"2025-03-05T02:20:30.123Z\","
            + "\"lat\":39.908692,\"lon\":116.397477,\"speed_mps\":4.2,\"speed_kmh\":15.12,"
            + "\"vehicle_state\":\"on_trip\",\"event_types\":[\"trip_start\"],"
            + "\"trip_ids\":[\"ba82f54a-6d9e-41d8-97d3-aadfe4da23bb\"]}",
            lines[0]);
    }

    [Fact]
    public void Format_events_document_gives_errors_in_body_order_with_index_and_input()
    {
        var lines = Lines(MdsJsonWriter.Format(Sample("mixed-events.json"), Provider));
        var objects = lines.Select(line => JsonDocument.Parse(line).RootElement).ToArray();

        Assert.Equal([0, 1, 2, 3, 4, 5], objects.Select(o => o.GetProperty("index").GetInt32()));
        Assert.Equal(["wrong_provider", "bad_timestamp", "missing_location", "unknown_vehicle_state"],
            objects[1..5].Select(o => o.GetProperty("error").GetString()));
        Assert.All(objects[1..5], o => Assert.False(string.IsNullOrEmpty(o.GetProperty("message").GetString())));
        Assert.Contains("\"parked\"", objects[4].GetProperty("input").GetString(), StringComparison.Ordinal);
        Assert.Equal(["helmet_returned"],
            objects[5].GetProperty("unknown_event_types").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(81, objects[5].GetProperty("battery_percent").GetInt32());
    }

    [Fact]
    public void Format_without_expected_provider_accepts_every_provider()
    {
        var lines = Lines(MdsJsonWriter.Format(Sample("mixed-events.json")));

        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal(OtherProvider.ToString(), second.RootElement.GetProperty("provider_id").GetString());
    }

    [Fact]
    public void Format_telemetry_document_is_told_apart_by_its_envelope()
    {
        var lines = Lines(MdsJsonWriter.Format(Sample("agency-telemetry.json")));

        using var first = JsonDocument.Parse(lines[0]);
        var root = first.RootElement;
        Assert.Equal(3, lines.Length);
        Assert.Equal("telemetry", root.GetProperty("type").GetString());
        Assert.Equal("7652445c-331c-4d0c-847c-470fced25974", root.GetProperty("telemetry_id").GetString());
        Assert.Equal("2025-03-05T02:20:31.000Z", root.GetProperty("timestamp").GetString());
        Assert.Equal(15.12, root.GetProperty("speed_kmh").GetDouble());
        Assert.Equal("bike_lane", root.GetProperty("location_type").GetString());
        Assert.False(root.GetProperty("tipped_over").GetBoolean());
        Assert.False(root.TryGetProperty("vehicle_state", out _));
    }

    [Fact]
    public void Format_bare_array_of_telemetry_is_told_apart_by_its_fields()
    {
        var json = MdsJsonWriter.Format(Batch(Telemetry()));

        using var line = JsonDocument.Parse(Assert.Single(Lines(json)));
        Assert.Equal("telemetry", line.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public void Format_provider_feed_gives_lower_case_ids_and_publication_time()
    {
        using var line = JsonDocument.Parse(Assert.Single(Lines(MdsJsonWriter.Format(Sample("provider-events.json")))));
        var root = line.RootElement;

        Assert.Equal("4c8dd6e1-4076-4e14-892c-5f8d6ca1103d", root.GetProperty("device_id").GetString());
        Assert.Equal("2025-03-05T02:20:31.000Z", root.GetProperty("publication_time").GetString());
        Assert.Equal(["provider_drop_off"],
            root.GetProperty("event_types").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("{\"events\": [", "not_json")]
    [InlineData("{\"events\": 5}", "not_an_array")]
    public void Format_refused_document_gives_one_error_without_index(string document, string code)
    {
        using var line = JsonDocument.Parse(Assert.Single(Lines(MdsJsonWriter.Format(document))));
        var root = line.RootElement;

        Assert.Equal(code, root.GetProperty("error").GetString());
        Assert.Equal(document, root.GetProperty("input").GetString());
        Assert.False(root.TryGetProperty("index", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    [InlineData("[]")]
    [InlineData("{\"telemetry\": []}")]
    public void Format_blank_or_empty_document_gives_nothing(string document)
    {
        Assert.Equal("", MdsJsonWriter.Format(document));
    }

    private static string[] Lines(string output)
    {
        Assert.EndsWith("\n", output, StringComparison.Ordinal);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
