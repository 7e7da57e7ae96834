using GeoCredit.Core.Tracking;
using GeoCredit.Storage.Positions;
using GeoCredit.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GeoCredit.Storage.Tests.Positions;

public sealed class PositionWriterTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>, IDisposable
{
    private static readonly DateTimeOffset T0 = new(2025, 5, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly string _spool = Path.Combine(
        Path.GetTempPath(), "geocredit-writer-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_spool))
        {
            Directory.Delete(_spool, recursive: true);
        }
    }

    private static PositionReport[] Fixes(string id, int from, int count) =>
        Enumerable.Range(from, count)
            .Select(i => new PositionReport(
                id, ObjectKind.Truck, T0.AddSeconds(i), T0.AddSeconds(i), 118.5 + i * 1e-5, 37.4,
                60, 45, null, null, PositionSource.Jt808))
            .ToArray();

    private PositionWriter Writer(TimeProvider clock, int maxBatch = 1000, string? connectionString = null) =>
        new(new PositionStore(
            connectionString is null ? database.DataSource : GeoCreditDataSource.Create(connectionString)),
            new PositionWriterOptions
            {
                MaxBatchSize = maxBatch,
                FlushInterval = TimeSpan.FromSeconds(1),
                RetryInterval = TimeSpan.FromMilliseconds(100),
                SpoolDirectory = _spool,
            },
            clock,
            NullLoggerFactory.Instance);

    private Task<long> CountAsync(string id) =>
        database.ScalarAsync<long>($"select count(*) from positions where object_id = '{id}'");

    [Fact]
    public async Task Batch_reaching_the_size_limit_is_written_without_waiting_for_the_flush_interval()
    {
        var clock = new FakeTimeProvider(T0);
        await using var writer = Writer(clock, maxBatch: 3);
        writer.Start();

        var durable = await writer.EnqueueAsync(Fixes("size-1", 0, 3), CancellationToken.None);
        await durable.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, await CountAsync("size-1"));
        Assert.Equal(3, writer.Metrics.RowsWritten);
    }

    [Fact]
    public async Task Small_batch_is_written_once_the_flush_interval_has_passed()
    {
        var clock = new FakeTimeProvider(T0);
        await using var writer = Writer(clock, maxBatch: 100);
        writer.Start();

        var durable = await writer.EnqueueAsync(Fixes("time-1", 0, 2), CancellationToken.None);
        await Eventually.HoldsAsync(() => writer.Metrics.QueuedPositions == 2, "the batch is queued");
        var writtenEarly = durable.IsCompleted;
        await Eventually.HoldsAsync(() =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(250));
            return durable.IsCompleted;
        }, "the flush interval passes and the batch is written");

        Assert.False(writtenEarly);
        Assert.Equal(2, await CountAsync("time-1"));
    }

    [Fact]
    public async Task Positions_sent_while_the_database_is_unreachable_wait_in_the_spool_and_are_written_on_restart()
    {
        // The database here is a closed port: every position must go to the spool, durably.
        await using (var offline = Writer(TimeProvider.System,
            connectionString: "Host=127.0.0.1;Port=1;Username=x;Password=x;Database=x;Timeout=1"))
        {
            offline.Start();
            var durable = await offline.EnqueueAsync(Fixes("spooled-1", 0, 25), CancellationToken.None);
            await durable.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(25, offline.Metrics.SpoolPendingPositions);
        }

        await using var online = Writer(TimeProvider.System);
        online.Start();

        await Eventually.HoldsAsync(async () => await CountAsync("spooled-1") == 25, "the spool is replayed");
        await Eventually.HoldsAsync(() => online.Metrics.SpoolPendingPositions == 0, "the spool is emptied");
        Assert.Equal(25, online.Metrics.PositionsReplayed);
    }
}
