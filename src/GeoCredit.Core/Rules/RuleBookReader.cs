using System.Text.Json;
using GeoCredit.Core.Dispatch;
using GeoCredit.Core.Geofencing;
using GeoCredit.Core.Tracking;

namespace GeoCredit.Core.Rules;

/// <summary>What reading a rule file gave: the rules, and an error per rule that could not be read.</summary>
public sealed record RuleBookResult(IReadOnlyList<Rule> Rules, IReadOnlyList<string> Errors);

/// <summary>
/// Reads rules from JSON: an array of objects with <c>id</c>, <c>name</c>, <c>zone_kinds</c>, <c>object_kinds</c>,
/// optional <c>grade</c> (<c>scheme</c>, <c>levels</c>, <c>include_linked</c>), <c>trigger</c> (<c>enter</c> or
/// <c>inside_during_windows</c>), <c>severity</c>, optional <c>order</c> (<c>team</c>, <c>to_zone_owner</c>,
/// <c>to_operator</c>, <c>zone_class</c>) and <c>message</c>. A bad rule is reported and the others are kept.
/// </summary>
public static class RuleBookReader
{
    public static RuleBookResult Read(string json)
    {
        var rules = new List<Rule>();
        var errors = new List<string>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return new RuleBookResult([], [$"The rule file is not JSON: {e.Message}"]);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return new RuleBookResult([], ["The rule file must be a JSON array of rules."]);
            }

            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                try
                {
                    rules.Add(ReadRule(element));
                }
                catch (Exception e) when (e is FormatException or KeyNotFoundException or InvalidOperationException)
                {
                    errors.Add($"Rule {index}: {e.Message}");
                }

                index++;
            }
        }

        return new RuleBookResult(rules, errors);
    }

    private static Rule ReadRule(JsonElement element)
    {
        var id = element.GetProperty("id").GetString() ?? throw new FormatException("The rule has no id.");
        var zoneKinds = element.GetProperty("zone_kinds").EnumerateArray()
            .Select(k => ZoneKinds.TryParse(k.GetString(), out var kind) ? kind
                : throw new FormatException($"Unknown zone kind '{k.GetString()}'."))
            .ToHashSet();
        var objectKinds = element.GetProperty("object_kinds").EnumerateArray()
            .Select(k => ObjectKinds.TryParse(k.GetString(), out var kind) ? kind
                : throw new FormatException($"Unknown object kind '{k.GetString()}'."))
            .ToHashSet();

        GradeCondition? grade = null;
        if (element.TryGetProperty("grade", out var g) && g.ValueKind == JsonValueKind.Object)
        {
            grade = new GradeCondition(
                g.GetProperty("scheme").GetString()!,
                g.GetProperty("levels").EnumerateArray().Select(l => l.GetString()!).ToHashSet(StringComparer.Ordinal),
                !g.TryGetProperty("include_linked", out var linked) || linked.GetBoolean());
        }

        var trigger = (element.TryGetProperty("trigger", out var t) ? t.GetString() : "enter") switch
        {
            "enter" => RuleTrigger.Enter,
            "inside_during_windows" => RuleTrigger.InsideDuringWindows,
            var other => throw new FormatException($"Unknown trigger '{other}'."),
        };
        var severityText = element.GetProperty("severity").GetString();
        if (!Enum.TryParse<AlertSeverity>(severityText, ignoreCase: true, out var severity))
        {
            throw new FormatException($"Unknown severity '{severityText}'.");
        }

        RuleOrder? order = null;
        if (element.TryGetProperty("order", out var o) && o.ValueKind == JsonValueKind.Object)
        {
            order = new RuleOrder(
                o.TryGetProperty("team", out var team) ? team.GetString() : null,
                o.TryGetProperty("to_zone_owner", out var owner) && owner.GetBoolean(),
                o.TryGetProperty("to_operator", out var op) && op.GetBoolean(),
                o.TryGetProperty("zone_class", out var zc) ? zc.GetString() : null);
        }

        return new Rule(id, element.TryGetProperty("name", out var name) ? name.GetString() ?? id : id, zoneKinds,
            objectKinds, grade, trigger, severity, order,
            element.TryGetProperty("message", out var message) ? message.GetString() ?? "" : "");
    }
}
