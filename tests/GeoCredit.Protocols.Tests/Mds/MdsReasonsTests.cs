using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GeoCredit.Protocols.Mds;
using static GeoCredit.Protocols.Tests.Mds.MdsTestDocuments;

namespace GeoCredit.Protocols.Tests.Mds;

public sealed partial class MdsReasonsTests
{
    /// <summary>For every reason code, a small input that gives it, and the codes the parser gives for it.</summary>
    private static readonly Dictionary<string, Func<string[]>> Inputs = new()
    {
        ["not_json"] = () => EventCodes("{\"events\": ["),
        ["not_an_array"] = () => EventCodes("{\"events\": {\"device_id\": \"x\"}}"),
        ["too_many_records"] = () => EventCodes("[" + string.Join(',', Enumerable.Repeat("{}", 10_001)) + "]"),
        ["malformed_record"] = () => EventCodes(Batch(JsonValue.Create(42))),
        ["missing_provider_id"] = () => EventCodes(Event().With(e => e.Remove("provider_id"))),
        ["bad_provider_id"] = () => EventCodes(Event().With(e => e["provider_id"] = "operator-7")),
        ["wrong_provider"] = () => EventCodes(Event().With(e => e["provider_id"] = OtherProvider.ToString())),
        ["missing_device_id"] = () => EventCodes(Event().With(e => e["device_id"] = null)),
        ["bad_device_id"] = () => EventCodes(Event().With(e => e["device_id"] = "BIKE-0042")),
        ["missing_event_id"] = () => EventCodes(Event().With(e => e.Remove("event_id"))),
        ["bad_event_id"] = () => EventCodes(Event().With(e => e["event_id"] = 42)),
        ["missing_telemetry_id"] = () => TelemetryCodes(Telemetry().With(t => t.Remove("telemetry_id"))),
        ["bad_telemetry_id"] = () => TelemetryCodes(Telemetry().With(t => t["telemetry_id"] = "{7652445c}")),
        ["missing_timestamp"] = () => EventCodes(Event().With(e => e.Remove("timestamp"))),
        ["bad_timestamp"] = () => EventCodes(Event().With(e => e["timestamp"] = "2025-03-05T02:20:30Z")),
        ["missing_location"] = () => TelemetryCodes(Telemetry().With(t => t.Remove("location"))),
        ["bad_location"] = () => TelemetryCodes(Telemetry().With(t => t["location"]!["lng"] = "116.4")),
        ["missing_vehicle_state"] = () => EventCodes(Event().With(e => e.Remove("vehicle_state"))),
        ["unknown_vehicle_state"] = () => EventCodes(Event().With(e => e["vehicle_state"] = "parked")),
        ["missing_event_types"] = () => EventCodes(Event().With(e => e["event_types"] = new JsonArray())),
        ["bad_event_types"] = () => EventCodes(Event().With(e => e["event_types"] = "trip_start")),
        ["bad_field"] = () => EventCodes(Event().With(e => e["battery_percent"] = 101)),
    };

    public static TheoryData<string> Codes => new(Inputs.Keys);

    [Theory]
    [MemberData(nameof(Codes))]
    public void Reason_code_is_given_for_its_input_and_nothing_else(string code)
    {
        var codes = Inputs[code]();

        Assert.Equal([code], codes);
    }

    [Fact]
    public void Reasons_each_have_an_input_that_gives_them()
    {
        var codes = MdsReasons.All.Select(reason => reason.ToCode());

        Assert.Equal(codes.Order(StringComparer.Ordinal), Inputs.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Reasons_have_unique_snake_case_codes_and_a_sentence_each()
    {
        var codes = MdsReasons.All.Select(reason => reason.ToCode()).ToArray();

        Assert.All(codes, code => Assert.Matches(SnakeCase(), code));
        Assert.Equal(codes.Length, codes.Distinct().Count());
        Assert.DoesNotContain("unknown", codes);
        Assert.DoesNotContain(MdsReasons.UnknownEventTypeWarning, codes);
        Assert.Matches(SnakeCase(), MdsReasons.UnknownEventTypeWarning);
        Assert.All(MdsReasons.All, reason => Assert.EndsWith(".", reason.DefaultMessage(), StringComparison.Ordinal));
    }

    [Fact]
    public void Reasons_body_level_are_the_three_that_refuse_a_whole_body()
    {
        var bodyLevel = MdsReasons.All.Where(reason => MdsRejection.Of(reason).IsBodyLevel);

        Assert.Equal([MdsReason.NotJson, MdsReason.NotAnArray, MdsReason.TooManyRecords], bodyLevel);
    }

    private static string[] EventCodes(JsonObject record) => EventCodes(Batch(record));

    private static string[] TelemetryCodes(JsonObject record) =>
        CodesOf(MdsBatchParser.ParseTelemetry(Batch(record), Provider));

    private static string[] EventCodes(string body) =>
        CodesOf(MdsBatchParser.ParseEvents(body, Provider));

    private static string[] CodesOf<T>(MdsBatch<T> batch)
        where T : class =>
        batch.BodyRejection is { } body ? [body.Code] : batch.Rejections.Select(r => r.Code).ToArray();

    [GeneratedRegex("^[a-z]+(_[a-z]+)*$")]
    private static partial Regex SnakeCase();
}
