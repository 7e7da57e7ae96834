using System.Diagnostics;
using System.Globalization;
using GeoCredit.Simulator.Feeds;

namespace GeoCredit.Benchmarks.Ingest;

/// <summary>
/// Opens many JT/T 808 terminal connections to a running server, has each send a heartbeat, lets them sit idle,
/// then checks that every one is still open and answered, and reports the server's memory per connection.
/// Usage: <c>jt808-idle --port P [--host H] [--connections N] [--idle-seconds S] [--server-pid PID] [--json F]</c>.
/// </summary>
public static class Jt808IdleHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        var host = Option(args, "--host") ?? "127.0.0.1";
        var port = int.Parse(Option(args, "--port") ?? "6808", CultureInfo.InvariantCulture);
        var count = int.Parse(Option(args, "--connections") ?? "10000", CultureInfo.InvariantCulture);
        var idle = TimeSpan.FromSeconds(
            double.Parse(Option(args, "--idle-seconds") ?? "30", CultureInfo.InvariantCulture));
        var pid = Option(args, "--server-pid") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : (int?)null;
        var json = Option(args, "--json");
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));

        var before = pid is { } id ? ResidentMiB(id) : 0;
        var terminals = new List<Jt808Terminal>(count);
        var watch = Stopwatch.StartNew();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var terminal = await Jt808Terminal.ConnectAsync(host, port, $"1390000{i:D5}", deadline.Token);
                terminals.Add(terminal);
                await terminal.HeartbeatAsync(deadline.Token);
            }

            var connectSeconds = watch.Elapsed.TotalSeconds;
            Console.WriteLine($"{count:N0} terminals connected and answered in {connectSeconds:0.0} s");
            await Task.Delay(idle, deadline.Token);

            var answered = 0;
            foreach (var terminal in terminals)
            {
                var answer = await terminal.HeartbeatAsync(deadline.Token);
                answered += answer.Result == 0 ? 1 : 0;
            }

            var after = pid is { } serverPid ? ResidentMiB(serverPid) : 0;
            Console.WriteLine(
                $"after {idle.TotalSeconds:0} s idle: {answered:N0} of {count:N0} answered a second heartbeat");
            if (pid is not null)
            {
                Console.WriteLine(
                    $"server resident memory: {before:N0} MiB before, {after:N0} MiB with the connections " +
                    $"({(after - before) * 1024.0 / count:0.0} KiB per connection)");
            }

            if (json is not null)
            {
                BenchmarksJson.Merge(json, new Dictionary<string, double>
                {
                    ["jt808_idle_connections"] = answered,
                    ["jt808_idle_kib_per_connection"] = pid is null ? 0 : (after - before) * 1024.0 / count,
                });
            }

            return answered == count ? 0 : 1;
        }
        finally
        {
            foreach (var terminal in terminals)
            {
                await terminal.DisposeAsync();
            }
        }
    }

    private static double ResidentMiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kib = double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return kib / 1024;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
