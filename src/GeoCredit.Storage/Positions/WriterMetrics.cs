namespace GeoCredit.Storage.Positions;

/// <summary>A snapshot of what the position writer has done since it started.</summary>
public sealed record WriterMetricsSnapshot(
    long RowsWritten,
    long BatchesWritten,
    int LastBatchSize,
    int MaxBatchSize,
    double LastWriteMilliseconds,
    double MeanWriteMilliseconds,
    double MaxWriteMilliseconds,
    int QueuedPositions,
    long SpoolPendingPositions,
    long PositionsSpooled,
    long PositionsReplayed,
    long PositionsDeadLettered,
    bool DatabaseAvailable);

/// <summary>Counters the writer loop updates and anyone may read. Thread-safe.</summary>
internal sealed class WriterMetrics
{
    private readonly object _gate = new();
    private long _rowsWritten;
    private long _batchesWritten;
    private int _lastBatchSize;
    private int _maxBatchSize;
    private double _lastWrite;
    private double _totalWrite;
    private double _maxWrite;
    private long _spooled;
    private long _replayed;
    private long _deadLettered;

    public void Written(int rows, TimeSpan elapsed)
    {
        lock (_gate)
        {
            _rowsWritten += rows;
            _batchesWritten++;
            _lastBatchSize = rows;
            _maxBatchSize = Math.Max(_maxBatchSize, rows);
            _lastWrite = elapsed.TotalMilliseconds;
            _totalWrite += elapsed.TotalMilliseconds;
            _maxWrite = Math.Max(_maxWrite, elapsed.TotalMilliseconds);
        }
    }

    public void Spooled(int positions) => Interlocked.Add(ref _spooled, positions);

    public void Replayed(int positions) => Interlocked.Add(ref _replayed, positions);

    public void DeadLettered(int positions) => Interlocked.Add(ref _deadLettered, positions);

    public WriterMetricsSnapshot Snapshot(int queued, long spoolPending, bool databaseAvailable)
    {
        lock (_gate)
        {
            return new WriterMetricsSnapshot(_rowsWritten, _batchesWritten, _lastBatchSize, _maxBatchSize, _lastWrite,
                _batchesWritten == 0 ? 0 : _totalWrite / _batchesWritten, _maxWrite, queued, spoolPending,
                Interlocked.Read(ref _spooled), Interlocked.Read(ref _replayed), Interlocked.Read(ref _deadLettered),
                databaseAvailable);
        }
    }
}
