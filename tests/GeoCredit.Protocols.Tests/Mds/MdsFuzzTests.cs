using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GeoCredit.Protocols.Mds;
using static GeoCredit.Protocols.Tests.Mds.MdsTestDocuments;

namespace GeoCredit.Protocols.Tests.Mds;

/// <summary>
/// Random and mutated bodies through both parsers and the writer: nothing throws, every refusal is explained.
/// </summary>
public sealed partial class MdsFuzzTests
{
    private const string JsonAlphabet = "[]{}\",:0123456789.eE-+ \n\\utrfalsn";

    private static readonly string[] ValidDocuments =
    [
        Sample("agency-events.json"),
        Sample("agency-telemetry.json"),
        Sample("provider-events.json"),
        Sample("mixed-events.json"),
        Batch(Event(), Telemetry()),
        "{\"data\": {\"telemetry\": [" + Telemetry().ToJsonString() + "]}}",
    ];

    private static readonly Func<Random, JsonNode?>[] WrongValues =
    [
        _ => "x",
        _ => "",
        _ => "NaN",
        _ => "Infinity",
        _ => "-0",
        _ => "\u0000",
        _ => new string('9', 5000),
        _ => 0,
        _ => -1,
        _ => long.MaxValue,
        _ => double.MaxValue,
        _ => double.Epsilon,
        _ => true,
        _ => null,
        _ => new JsonObject(),
        _ => new JsonArray(),
        random => Nest(new JsonArray(1), random.Next(1, 80)),
        _ => OtherProvider.ToString(),
        _ => Guid.Empty.ToString(),
        _ => "2025-03-05T02:20:30Z",
    ];

    private static readonly string[] WrongNumbers =
        ["1e400", "-1e400", "99999999999999999999999999", "1e-400", "-0", "0.0000000000000000000001", "1E+2"];

    [Fact]
    public void Parser_random_bytes_never_throw_and_every_refusal_is_explained()
    {
        var random = new Random(2_0_0);

        for (var i = 0; i < 2000; i++)
        {
            var data = new byte[random.Next(0, 160)];
            random.NextBytes(data);
            for (var j = 0; j < data.Length; j++)
            {
                // Mostly JSON punctuation and literals, so the parser gets past the first byte now and then.
                if (random.Next(4) != 0)
                {
                    data[j] = (byte)JsonAlphabet[random.Next(JsonAlphabet.Length)];
                }
            }

            CheckEverything(data);
        }
    }

    [Fact]
    public void Parser_mutated_documents_never_throw_and_every_refusal_is_explained()
    {
        var random = new Random(2_0_2_5);

        for (var i = 0; i < 1500; i++)
        {
            var document = JsonNode.Parse(ValidDocuments[random.Next(ValidDocuments.Length)])!;
            for (var n = random.Next(1, 5); n > 0; n--)
            {
                document = MutateTree(document, random);
            }

            var text = document?.ToJsonString() ?? "null";
            if (random.Next(3) == 0)
            {
                text = MutateText(text, random);
            }

            CheckEverything(Encoding.UTF8.GetBytes(text));
        }
    }

    [Fact]
    public void Parser_deep_nesting_is_refused_as_not_json_without_recursion()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);
        var deepField = Batch(Event()).Replace("\"battery_percent\":87",
            "\"battery_percent\":" + new string('[', 200) + new string(']', 200), StringComparison.Ordinal);

        Assert.Equal("not_json", MdsBatchParser.ParseEvents(deep, Provider).BodyRejection?.Code);
        Assert.Equal("not_json", MdsBatchParser.ParseEvents(deepField, Provider).BodyRejection?.Code);
        CheckEverything(Encoding.UTF8.GetBytes(deep));
    }

    [Fact]
    public void Parser_lone_surrogate_escapes_are_refused_as_values_not_thrown()
    {
        var body = Batch(
            Event().With(e => e["device_id"] = "placeholder-1"),
            Event().With(e => e["event_types"] = new JsonArray("placeholder-2")),
            Event().With(e => e["associated_ticket"] = "placeholder-3"),
            Event().With(e => e["vehicle_state"] = "placeholder-4"))
            .Replace("placeholder-1", "\\ud800", StringComparison.Ordinal)
            .Replace("placeholder-2", "\\udc00", StringComparison.Ordinal)
            .Replace("placeholder-3", "ok \\ud83d", StringComparison.Ordinal)
            .Replace("placeholder-4", "\\ud800\\ud800", StringComparison.Ordinal);

        var batch = MdsBatchParser.ParseEvents(body, Provider);

        Assert.Equal(["bad_device_id", "bad_event_types", "bad_field", "unknown_vehicle_state"],
            batch.Rejections.Select(r => r.Code));
        CheckEverything(Encoding.UTF8.GetBytes(body));
    }

    [Fact]
    public void Parser_lone_surrogate_in_a_field_name_refuses_the_record_or_the_body()
    {
        // Long enough that System.Text.Json must unescape it to compare it with every name the parser looks up.
        var record = Batch(Event().With(e => e["placeholder"] = 1)).Replace("placeholder",
            "\\ud800_vendor_extension_field", StringComparison.Ordinal);
        var envelope = "{\"events\": [], \"\\udc00_vendor_envelope_field\": 1}";

        var inRecord = MdsBatchParser.ParseEvents(Batch(Event()).TrimEnd(']') + "," + record[1..], Provider);
        var inEnvelope = MdsBatchParser.ParseEvents(envelope, Provider);

        Assert.Equal([0], inRecord.Records.Select(e => e.Index));
        Assert.Equal("malformed_record", Assert.Single(inRecord.Rejections).Code);
        Assert.Equal("not_json", inEnvelope.BodyRejection?.Code);
        CheckEverything(Encoding.UTF8.GetBytes(envelope));
    }

    [Fact]
    public void Parser_cut_inputs_never_split_a_surrogate_pair()
    {
        // Emoji sent unescaped across the cut, at both parities: the writer must still be able to print the input.
        var bikes = string.Concat(Enumerable.Repeat("🚲", 300));
        var body = Batch(
            Event().With(e => e["associated_ticket"] = "even").With(e => e.Remove("device_id")),
            Event().With(e => e["associated_ticket"] = "odd").With(e => e.Remove("device_id")))
            .Replace("\"even\"", "\"" + bikes + "\"", StringComparison.Ordinal)
            .Replace("\"odd\"", "\"x" + bikes + "\"", StringComparison.Ordinal);

        var rejections = MdsBatchParser.ParseEvents(body, Provider).Rejections;

        Assert.Equal(2, rejections.Count);
        Assert.All(rejections, r => Assert.Contains("🚲", r.Input, StringComparison.Ordinal));
        Assert.All(rejections, r => Assert.False(char.IsHighSurrogate(r.Input[^2])));
        CheckEverything(Encoding.UTF8.GetBytes(body));
    }

    private static void CheckEverything(byte[] body)
    {
        CheckBatch(MdsBatchParser.ParseEvents(body, Provider), e => e.Index, e => e.ToPositionFix());
        CheckBatch(MdsBatchParser.ParseTelemetry(body, Provider), t => t.Index, t => t.ToPositionFix());

        var lines = MdsJsonWriter.Format(Encoding.UTF8.GetString(body), Provider)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            if (json.RootElement.TryGetProperty("error", out var error))
            {
                Assert.Matches(SnakeCase(), error.GetString()!);
                Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("message").GetString()));
            }
            else
            {
                Assert.Equal(36, json.RootElement.GetProperty("device_id").GetString()!.Length);
            }
        }
    }

    private static void CheckBatch<T>(MdsBatch<T> batch, Func<T, int> indexOf, Func<T, MdsPositionFix> fixOf)
        where T : class
    {
        if (batch.BodyRejection is { } body)
        {
            AssertExplained(body.Rejection, body.Input);
            Assert.True(body.Rejection.IsBodyLevel);
            Assert.Empty(batch.Records);
            Assert.Empty(batch.Rejections);
            return;
        }

        // Every record of the body is accounted for exactly once, as decoded or as refused.
        var indices = batch.Records.Select(indexOf).Concat(batch.Rejections.Select(r => r.Index)).Order();
        Assert.Equal(Enumerable.Range(0, batch.Total), indices);
        foreach (var rejection in batch.Rejections)
        {
            AssertExplained(rejection.Rejection, rejection.Input);
            Assert.False(rejection.Rejection.IsBodyLevel);
        }

        foreach (var record in batch.Records)
        {
            var fix = fixOf(record);
            Assert.Equal(36, fix.ObjectId.Length);
            Assert.True(double.IsFinite(fix.Latitude) && double.IsFinite(fix.Longitude));
            Assert.True(fix.SpeedKmh is null || double.IsFinite(fix.SpeedKmh.Value));
        }
    }

    private static void AssertExplained(MdsRejection rejection, string input)
    {
        Assert.True(rejection.IsRejected);
        Assert.Matches(SnakeCase(), rejection.Code);
        Assert.NotEqual("unknown", rejection.Code);
        Assert.False(string.IsNullOrWhiteSpace(rejection.Message));
        Assert.True(input.Length <= MdsBatchParser.MaxInputLength + 1);
    }

    /// <summary>Drops, replaces, renames, duplicates or nests one node of the tree; returns the new root.</summary>
    private static JsonNode? MutateTree(JsonNode? root, Random random)
    {
        var slots = new List<(JsonNode Parent, string? Name, int Index)>();
        Collect(root, slots);
        if (slots.Count == 0)
        {
            return WrongValues[random.Next(WrongValues.Length)](random);
        }

        var (parent, name, index) = slots[random.Next(slots.Count)];
        switch (random.Next(5))
        {
            case 0:
                Remove(parent, name, index);
                break;
            case 1:
                Set(parent, name, index, WrongValues[random.Next(WrongValues.Length)](random));
                break;
            case 2 when name is not null:
                var value = parent[name];
                parent.AsObject().Remove(name);
                parent[name + (random.Next(2) == 0 ? "_x" : "")] = value;
                break;
            case 3 when name is null:
                parent.AsArray().Insert(index, parent[index]?.DeepClone());
                break;
            default:
                Set(parent, name, index, Nest(Get(parent, name, index)?.DeepClone(), random.Next(1, 70)));
                break;
        }

        return root;
    }

    private static void Collect(JsonNode? node, List<(JsonNode Parent, string? Name, int Index)> slots)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToArray())
                {
                    slots.Add((obj, name, -1));
                    Collect(child, slots);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    slots.Add((array, null, i));
                    Collect(array[i], slots);
                }

                break;
            default:
                break;
        }
    }

    private static JsonNode? Get(JsonNode parent, string? name, int index) =>
        name is null ? parent[index] : parent[name];

    private static void Set(JsonNode parent, string? name, int index, JsonNode? value)
    {
        if (name is null)
        {
            parent[index] = value;
        }
        else
        {
            parent[name] = value;
        }
    }

    private static void Remove(JsonNode parent, string? name, int index)
    {
        if (name is null)
        {
            parent.AsArray().RemoveAt(index);
        }
        else
        {
            parent.AsObject().Remove(name);
        }
    }

    private static JsonNode Nest(JsonNode? value, int depth)
    {
        JsonNode node = new JsonArray(value);
        for (var i = 1; i < depth; i++)
        {
            node = new JsonArray(node);
        }

        return node;
    }

    /// <summary>Text-level damage the tree cannot express: numbers beyond double, cut bodies, stray bytes.</summary>
    private static string MutateText(string text, Random random)
    {
        var at = random.Next(text.Length + 1);
        switch (random.Next(4))
        {
            case 0:
                var number = NumberToken().Matches(text).ElementAtOrDefault(random.Next(8));
                return number is null
                    ? text
                    : string.Concat(text.AsSpan(0, number.Index), WrongNumbers[random.Next(WrongNumbers.Length)],
                        text.AsSpan(number.Index + number.Length));
            case 1:
                return text[..at];
            case 2:
                return text.Insert(at, JsonAlphabet[random.Next(JsonAlphabet.Length)].ToString());
            default:
                var quote = text.IndexOf('"', at);
                return quote < 0 ? text : text.Insert(quote + 1, random.Next(2) == 0 ? "\\ud800" : "\\u0000");
        }
    }

    [GeneratedRegex("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?")]
    private static partial Regex NumberToken();

    [GeneratedRegex("^[a-z]+(_[a-z]+)*$")]
    private static partial Regex SnakeCase();
}
