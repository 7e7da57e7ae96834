using BenchmarkDotNet.Running;
using GeoCredit.Benchmarks.Storage;

// "storage ..." runs the database load harness; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "storage")
{
    return await StorageHarness.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
