using System.Diagnostics;
using System.Net.Sockets;
using System.Threading.Channels;
using GeoCredit.Core.Tracking;
using GeoCredit.Storage.Spool;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GeoCredit.Storage.Positions;

/// <summary>
/// Writes positions to the database in batches, flushed by size or by time, and never loses one it has
/// acknowledged. Producers hand over batches; the task they get back completes once the positions are
/// durable: committed to the database, or, while the database is away or failing, flushed to the local
/// spool. Spooled positions are written, in order, when the database is back, before anything newer; a
/// restart replays what the spool still holds. Producers are slowed by a bounded queue when the database
/// falls behind. Thread-safe for producers; one loop does all the writing.
/// </summary>
public sealed partial class PositionWriter : IAsyncDisposable
{
    private readonly PositionStore _store;
    private readonly PositionSpool _spool;
    private readonly PositionSpool _deadLetters;
    private readonly PositionWriterOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<PositionWriter> _logger;
    private readonly Channel<PendingBatch> _queue;
    private readonly QueueBudget _budget;
    private readonly WriterMetrics _metrics = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private volatile bool _databaseAvailable = true;
    private DateTimeOffset _nextRetry;

    public PositionWriter(
        PositionStore store,
        PositionWriterOptions options,
        TimeProvider clock,
        ILoggerFactory loggers)
    {
        _store = store;
        _options = options;
        _clock = clock;
        _logger = loggers.CreateLogger<PositionWriter>();
        _spool = new PositionSpool(options.SpoolDirectory, loggers.CreateLogger<PositionSpool>());
        _deadLetters = new PositionSpool(Path.Combine(options.SpoolDirectory, "dead-letter"),
            loggers.CreateLogger<PositionSpool>());
        _budget = new QueueBudget(options.MaxQueuedPositions);
        _queue = Channel.CreateUnbounded<PendingBatch>(new UnboundedChannelOptions { SingleReader = true });
    }

    public WriterMetricsSnapshot Metrics =>
        _metrics.Snapshot(_budget.Used, _spool.PendingPositions, _databaseAvailable);

    /// <summary>Starts the writing loop; it first replays whatever an earlier run left in the spool.</summary>
    public void Start() => _loop ??= Task.Run(() => RunAsync(_stopping.Token));

    /// <summary>
    /// Hands a batch to the writer. The outer task completes when the batch has room in the queue (this is
    /// where a producer is slowed); the inner task completes when the batch is durable, and fails only when
    /// neither the database nor the spool could keep it.
    /// </summary>
    public async ValueTask<Task> EnqueueAsync(IReadOnlyList<PositionReport> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return Task.CompletedTask;
        }

        await _budget.AcquireAsync(batch.Count, cancellationToken);
        var pending = new PendingBatch(
            batch, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            _budget.Release(batch.Count);
            throw new InvalidOperationException("The position writer is stopped.");
        }

        return pending.Durable.Task;
    }

    /// <summary>Writes what is queued, then stops.</summary>
    public async Task StopAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _stopping.CancelAsync();
        _stopping.Dispose();
        _spool.Dispose();
        _deadLetters.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!_spool.IsEmpty)
        {
            _databaseAvailable = false;
            LogSpoolFound(_logger, _spool.PendingPositions);
        }

        var batch = new List<PendingBatch>();
        while (true)
        {
            if (!_databaseAvailable)
            {
                await TryReplayAsync(cancellationToken);
            }

            if (!await WaitForWorkAsync(cancellationToken))
            {
                break;
            }

            await CollectAsync(batch, cancellationToken);
            if (batch.Count > 0)
            {
                await FlushAsync(batch, cancellationToken);
                batch.Clear();
            }
        }

        // Whatever is left in the spool stays there for the next start.
        if (!_databaseAvailable)
        {
            await TryReplayAsync(cancellationToken, force: true);
        }
    }

    /// <summary>Waits for a batch; while spooling, wakes at the retry interval to try the database.</summary>
    private async Task<bool> WaitForWorkAsync(CancellationToken cancellationToken)
    {
        if (_databaseAvailable)
        {
            return await _queue.Reader.WaitToReadAsync(cancellationToken);
        }

        var retryIn = _nextRetry - _clock.GetUtcNow();
        if (retryIn <= TimeSpan.Zero)
        {
            return !_queue.Reader.Completion.IsCompleted || _queue.Reader.TryPeek(out _);
        }

        using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ready = _queue.Reader.WaitToReadAsync(wake.Token).AsTask();
        var retry = Task.Delay(retryIn, _clock, wake.Token);
        var first = await Task.WhenAny(ready, retry);
        await wake.CancelAsync();
        if (first == ready)
        {
            return await ready;
        }

        return !_queue.Reader.Completion.IsCompleted || _queue.Reader.TryPeek(out _);
    }

    /// <summary>Takes batches until the size limit, or until the first has waited the flush interval.</summary>
    private async Task CollectAsync(List<PendingBatch> batch, CancellationToken cancellationToken)
    {
        var size = 0;
        var deadline = _clock.GetUtcNow() + _options.FlushInterval;
        while (size < _options.MaxBatchSize)
        {
            if (_queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                size += pending.Positions.Count;
                continue;
            }

            var wait = deadline - _clock.GetUtcNow();
            if (batch.Count == 0 || wait <= TimeSpan.Zero || _queue.Reader.Completion.IsCompleted)
            {
                return;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var ready = _queue.Reader.WaitToReadAsync(timeout.Token).AsTask();
            var elapsed = Task.Delay(wait, _clock, timeout.Token);
            var first = await Task.WhenAny(ready, elapsed);
            await timeout.CancelAsync();
            if (first == elapsed || !await SafeAsync(ready))
            {
                return;
            }
        }
    }

    private async Task FlushAsync(List<PendingBatch> batch, CancellationToken cancellationToken)
    {
        var rows = batch.Count == 1 ? batch[0].Positions : batch.SelectMany(b => b.Positions).ToArray();
        try
        {
            if (_databaseAvailable)
            {
                await WriteToDatabaseAsync(rows, cancellationToken);
            }
            else
            {
                Spool(rows);
            }

            foreach (var pending in batch)
            {
                pending.Durable.TrySetResult();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Neither the database nor the disk could keep the batch: its producers must hear of it.
            LogSpoolFailed(_logger, e, rows.Count);
            foreach (var pending in batch)
            {
                pending.Durable.TrySetException(e);
            }
        }
        finally
        {
            _budget.Release(rows.Count);
        }
    }

    private async Task WriteToDatabaseAsync(IReadOnlyList<PositionReport> rows, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _store.WriteAsync(rows, cancellationToken);
            _metrics.Written(rows.Count, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e) when (IsOutage(e))
        {
            _databaseAvailable = false;
            _nextRetry = _clock.GetUtcNow() + _options.RetryInterval;
            LogDatabaseAway(_logger, e.Message);
            Spool(rows);
        }
        catch (PostgresException e)
        {
            // The database refused these rows themselves: keeping them aside beats retrying them forever.
            LogDeadLettered(_logger, e, rows.Count);
            _deadLetters.Append(rows);
            _metrics.DeadLettered(rows.Count);
        }
    }

    private void Spool(IReadOnlyList<PositionReport> rows)
    {
        _spool.Append(rows);
        _metrics.Spooled(rows.Count);
    }

    /// <summary>Writes the spool to the database, segment by segment, oldest first. A segment is removed once
    /// all its batches are stored; a replay cut short by the database going away again resumes later, and
    /// repeats nothing, because a stored fix is never stored twice.</summary>
    private async Task TryReplayAsync(CancellationToken cancellationToken, bool force = false)
    {
        if (!force && _clock.GetUtcNow() < _nextRetry)
        {
            return;
        }

        _nextRetry = _clock.GetUtcNow() + _options.RetryInterval;
        var replayed = 0L;
        try
        {
            foreach (var segment in _spool.CloseAndListSegments())
            {
                foreach (var rows in _spool.Read(segment))
                {
                    var started = Stopwatch.GetTimestamp();
                    await _store.WriteAsync(rows, cancellationToken);
                    _metrics.Written(rows.Count, Stopwatch.GetElapsedTime(started));
                    _metrics.Replayed(rows.Count);
                    replayed += rows.Count;
                }

                _spool.Remove(segment);
            }

            _databaseAvailable = true;
            LogDatabaseBack(_logger, replayed);
        }
        catch (Exception e) when (IsOutage(e))
        {
            LogReplayPostponed(_logger, replayed, e.Message);
        }
    }

    private static async Task<bool> SafeAsync(Task<bool> task)
    {
        try
        {
            return await task;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static bool IsOutage(Exception e) =>
        e is NpgsqlException { IsTransient: true } or TimeoutException or SocketException ||
        (e is NpgsqlException && e.InnerException is IOException or SocketException or TimeoutException) ||
        (e is PostgresException { SqlState: var state } && (state.StartsWith("08", StringComparison.Ordinal) ||
            state.StartsWith("57", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal) ||
            state == PostgresErrorCodes.UndefinedTable));

    private sealed record PendingBatch(IReadOnlyList<PositionReport> Positions, TaskCompletionSource Durable);

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning,
        Message = "Database not writable, positions go to the spool until it is back: {Reason}")]
    private static partial void LogDatabaseAway(ILogger logger, string reason);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information,
        Message = "Database writable again: {Replayed} spooled positions written")]
    private static partial void LogDatabaseBack(ILogger logger, long replayed);

    [LoggerMessage(EventId = 402, Level = LogLevel.Debug,
        Message = "Spool replay postponed after {Replayed} positions: {Reason}")]
    private static partial void LogReplayPostponed(ILogger logger, long replayed, string reason);

    [LoggerMessage(EventId = 403, Level = LogLevel.Information,
        Message = "The spool holds {Pending} positions from an earlier run: replaying them first")]
    private static partial void LogSpoolFound(ILogger logger, long pending);

    [LoggerMessage(EventId = 404, Level = LogLevel.Error,
        Message = "Could not keep {Count} positions: neither the database nor the spool took them")]
    private static partial void LogSpoolFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 405, Level = LogLevel.Error,
        Message = "The database refused {Count} positions; they are kept in the dead-letter spool")]
    private static partial void LogDeadLettered(ILogger logger, Exception exception, int count);
}
