using GeoCredit.Core.Tracking;
using GeoCredit.Storage.Migrations;
using GeoCredit.Storage.Positions;
using GeoCredit.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace GeoCredit.Storage.Tests.Positions;

/// <summary>The database stops in the middle of ingest and comes back: exactly what was sent ends up stored.</summary>
public sealed class DatabaseOutageTests : IDisposable
{
    private readonly string _spool = Path.Combine(
        Path.GetTempPath(), "geocredit-outage-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_spool))
        {
            Directory.Delete(_spool, recursive: true);
        }
    }

    [Fact]
    public async Task Database_stopped_mid_ingest_and_started_again_ends_with_exactly_the_positions_sent()
    {
        const int total = 6_000;
        const int batchSize = 50;
        await using var cluster = await PrivateCluster.CreateAsync();
        await using var dataSource = GeoCreditDataSource.Create(cluster.ConnectionString);
        await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).MigrateAsync();
        await using var writer = new PositionWriter(new PositionStore(dataSource),
            new PositionWriterOptions
            {
                MaxBatchSize = 500,
                FlushInterval = TimeSpan.FromMilliseconds(5),
                RetryInterval = TimeSpan.FromMilliseconds(200),
                SpoolDirectory = _spool,
            },
            TimeProvider.System,
            NullLoggerFactory.Instance);
        writer.Start();
        var start = new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var durable = new List<Task>();

        for (var sent = 0; sent < total; sent += batchSize)
        {
            if (sent == total / 3)
            {
                await cluster.StopAsync();
            }

            if (sent == 2 * total / 3)
            {
                await cluster.StartAsync();
            }

            var batch = Enumerable.Range(sent, batchSize)
                .Select(i => new PositionReport(
                    $"truck-{i % 40}", ObjectKind.Truck, start.AddSeconds(i), start.AddSeconds(i),
                    118.5, 37.4, 50, 90, null, null, PositionSource.Jt808))
                .ToArray();
            durable.Add(await writer.EnqueueAsync(batch, CancellationToken.None));
        }

        await Task.WhenAll(durable).WaitAsync(TimeSpan.FromSeconds(60));
        await Eventually.HoldsAsync(() => writer.Metrics.SpoolPendingPositions == 0 && writer.Metrics.DatabaseAvailable,
            "the spool is written to the database", TimeSpan.FromSeconds(60));

        await using var count = dataSource.CreateCommand("select count(*), count(distinct fix_time) from positions");
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(total, reader.GetInt64(0));
        Assert.Equal(total, reader.GetInt64(1));
        Assert.True(writer.Metrics.PositionsSpooled > 0, "the outage sent positions to the spool");
    }
}
