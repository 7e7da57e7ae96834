using System.Diagnostics;
using GeoCredit.Core.Tracking;
using GeoCredit.Storage;
using GeoCredit.Storage.Migrations;
using GeoCredit.Storage.Positions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GeoCredit.Benchmarks.Storage;

/// <summary>
/// Positions per second through <see cref="PositionWriter"/> (queue, batching, binary COPY, dedupe fallback)
/// against a raw binary COPY of the same rows into the same hypertable, alternating in one run on one
/// database, with the writer's memory under that sustained load.
/// Usage: <c>storage --connection CS [--rows N] [--rounds R] [--json benchmarks.json]</c>; the connection
/// must be allowed to create a database, which the harness creates and drops.
/// </summary>
public static class StorageHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        var connection = Option(args, "--connection") ?? Environment.GetEnvironmentVariable("GEOCREDIT_TEST_DATABASE");
        if (string.IsNullOrEmpty(connection))
        {
            await Console.Error.WriteLineAsync("storage: pass --connection or set GEOCREDIT_TEST_DATABASE.");
            return 2;
        }

        var rows = int.Parse(Option(args, "--rows") ?? "500000", System.Globalization.CultureInfo.InvariantCulture);
        var rounds = int.Parse(Option(args, "--rounds") ?? "3", System.Globalization.CultureInfo.InvariantCulture);
        var json = Option(args, "--json");

        var database = $"gc_bench_{Guid.NewGuid():N}"[..22];
        await ExecuteAsync(connection, $"create database {database}");
        var benchConnection = new NpgsqlConnectionStringBuilder(connection) { Database = database }.ConnectionString;
        try
        {
            await using var dataSource = GeoCreditDataSource.Create(benchConnection);
            await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).MigrateAsync();
            var store = new PositionStore(dataSource);
            var batch = Rows(rows);

            var raw = new List<double>();
            var writer = new List<double>();
            long peakWorkingSet = 0;
            long peakManaged = 0;
            for (var round = 0; round < rounds; round++)
            {
                await TruncateAsync(dataSource);
                raw.Add(await RawCopyAsync(store, batch));
                await TruncateAsync(dataSource);
                var (rate, workingSet, managed) = await WriterAsync(store, batch);
                writer.Add(rate);
                peakWorkingSet = Math.Max(peakWorkingSet, workingSet);
                peakManaged = Math.Max(peakManaged, managed);
                Console.WriteLine($"round {round + 1}: raw copy {raw[^1]:N0} rows/s, writer {writer[^1]:N0} rows/s");
            }

            var rawMedian = Median(raw);
            var writerMedian = Median(writer);
            Console.WriteLine($"rows per round: {rows:N0}, rounds: {rounds}");
            Console.WriteLine($"raw_copy_rows_per_s: {rawMedian:N0}");
            Console.WriteLine($"writer_rows_per_s: {writerMedian:N0}");
            Console.WriteLine($"writer_to_copy_ratio: {writerMedian / rawMedian:0.000}");
            Console.WriteLine($"writer peak working set: {peakWorkingSet / 1024 / 1024:N0} MiB, " +
                $"peak managed heap: {peakManaged / 1024 / 1024:N0} MiB");
            if (json is not null)
            {
                BenchmarksJson.Merge(json, new Dictionary<string, double>
                {
                    ["writer_rows_per_s"] = writerMedian,
                    ["raw_copy_rows_per_s"] = rawMedian,
                    ["writer_to_copy_ratio"] = writerMedian / rawMedian,
                    ["writer_peak_working_set_mib"] = peakWorkingSet / 1024.0 / 1024.0,
                });
            }

            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(connection, $"drop database if exists {database} with (force)");
        }
    }

    /// <summary>10,000 objects (bikes and trucks) reporting every 10 s, like a city's fleet over a while.</summary>
    private static PositionReport[] Rows(int count)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        var random = new Random(42);
        return Enumerable.Range(0, count).Select(i =>
        {
            var time = start.AddSeconds(i / 10_000 * 10).AddTicks(i % 10_000 * 10);
            return new PositionReport(
                $"obj-{i % 10_000:D5}", i % 5 == 0 ? ObjectKind.Truck : ObjectKind.Bike, time, time,
                116.2 + random.NextDouble() * 0.4, 39.8 + random.NextDouble() * 0.2, random.Next(0, 40),
                random.Next(0, 360),
                null, 5, PositionSource.Http);
        }).ToArray();
    }

    private static async Task<double> RawCopyAsync(PositionStore store, PositionReport[] rows)
    {
        var watch = Stopwatch.StartNew();
        foreach (var chunk in rows.Chunk(5_000))
        {
            await store.CopyRawAsync(chunk);
        }

        return rows.Length / watch.Elapsed.TotalSeconds;
    }

    private static async Task<(double Rate, long WorkingSet, long Managed)> WriterAsync(
        PositionStore store, PositionReport[] rows)
    {
        var spool = Path.Combine(Path.GetTempPath(), "geocredit-bench-spool-" + Guid.NewGuid().ToString("N"));
        var peakWorkingSet = 0L;
        var peakManaged = 0L;
        try
        {
            await using var writer = new PositionWriter(store,
                new PositionWriterOptions { SpoolDirectory = spool, MaxBatchSize = 5_000 },
                TimeProvider.System, NullLoggerFactory.Instance);
            writer.Start();

            // Producers hand over batches of 500, as listeners do, and are slowed by the bounded queue.
            var watch = Stopwatch.StartNew();
            var durable = new List<Task>();
            foreach (var chunk in rows.Chunk(500))
            {
                durable.Add(await writer.EnqueueAsync(chunk, CancellationToken.None));
                if (durable.Count % 200 == 0)
                {
                    peakWorkingSet = Math.Max(peakWorkingSet, Environment.WorkingSet);
                    peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false));
                }
            }

            await Task.WhenAll(durable);
            var rate = rows.Length / watch.Elapsed.TotalSeconds;
            if (writer.Metrics.PositionsSpooled > 0)
            {
                throw new InvalidOperationException(
                    "The writer spooled during the benchmark: the database was not writable.");
            }

            return (rate, peakWorkingSet, peakManaged);
        }
        finally
        {
            Directory.Delete(spool, recursive: true);
        }
    }

    private static async Task TruncateAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("truncate positions, tracked_objects");
        await command.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
