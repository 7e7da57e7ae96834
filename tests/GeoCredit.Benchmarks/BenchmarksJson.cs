using System.Text.Json;
using System.Text.Json.Nodes;

namespace GeoCredit.Benchmarks;

/// <summary>Merges figures into <c>benchmarks.json</c>, keeping the keys other benchmarks wrote.</summary>
public static class BenchmarksJson
{
    public static void Merge(string path, IReadOnlyDictionary<string, double> figures)
    {
        var root = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? [] : [];
        foreach (var (key, value) in figures)
        {
            root[key] = Math.Round(value, 3);
        }

        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
