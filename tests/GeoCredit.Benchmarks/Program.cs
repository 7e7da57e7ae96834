using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using GeoCredit.Benchmarks;
using GeoCredit.Benchmarks.Geofencing;
using GeoCredit.Benchmarks.Ingest;
using GeoCredit.Benchmarks.Protocols;
using GeoCredit.Benchmarks.Storage;

// "storage ..." runs the database load harness; "report --json FILE" runs the BenchmarkDotNet suites and writes
// their per-core figures to FILE; anything else goes to BenchmarkDotNet's own switcher.
if (args.Length > 0 && args[0] == "storage")
{
    return await StorageHarness.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "jt808-idle")
{
    return await Jt808IdleHarness.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "report")
{
    var json = args.SkipWhile(a => a != "--json").Skip(1).FirstOrDefault() ?? "benchmarks.json";
    var config = DefaultConfig.Instance.AddJob(Job.Default.WithIterationCount(15).WithWarmupCount(5));
    var decode = BenchmarkRunner.Run<DecodeBenchmarks>(config);
    var geofence = BenchmarkRunner.Run<GeofenceBenchmarks>(config);
    var engine = PerSecond(geofence, nameof(GeofenceBenchmarks.Engine));
    BenchmarksJson.Merge(json, new Dictionary<string, double>
    {
        ["ais_decode_per_s_per_core"] = PerSecond(decode, nameof(DecodeBenchmarks.AisDecodeType1)),
        ["jt808_decode_per_s_per_core"] = PerSecond(decode, nameof(DecodeBenchmarks.Jt808DecodeLocation)),
        ["geofence_evals_per_s_per_core"] = engine,
        ["geofence_vs_strtree"] = engine / PerSecond(geofence, nameof(GeofenceBenchmarks.StrTreeOfPreparedPolygons)),
        ["geofence_vs_naive"] = engine / PerSecond(geofence, nameof(GeofenceBenchmarks.NaiveLoop)),
    });
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

static double PerSecond(Summary summary, string method)
{
    var report = summary.Reports.Single(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method);
    return 1e9 / report.ResultStatistics!.Mean;
}
