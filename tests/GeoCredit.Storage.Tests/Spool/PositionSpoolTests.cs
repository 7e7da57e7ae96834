using GeoCredit.Core.Tracking;
using GeoCredit.Storage.Spool;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GeoCredit.Storage.Tests.Spool;

public sealed class PositionSpoolTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2025, 5, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(
        Path.GetTempPath(), "geocredit-spool-test-" + Guid.NewGuid().ToString("N"));
    private readonly RecordingLogger _logger = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static PositionReport[] Batch(string prefix, int count) =>
        Enumerable.Range(0, count)
            .Select(i => new PositionReport($"{prefix}-{i}", ObjectKind.Vessel, T0.AddSeconds(i), T0.AddSeconds(i + 1),
                117.0 + i * 1e-4, 30.5, i % 2 == 0 ? 12.5 : null, 90, null, i % 3 == 0 ? 4 : null, PositionSource.Ais,
                i % 2 == 0 ? "carrier-7" : null))
            .ToArray();

    private PositionSpool Open() => new(_directory, _logger);

    private static List<PositionReport> ReadEverything(PositionSpool spool) =>
        spool.CloseAndListSegments().SelectMany(spool.Read).SelectMany(batch => batch).ToList();

    [Fact]
    public void Append_then_read_returns_every_field_in_order()
    {
        using var spool = Open();
        var first = Batch("a", 3);
        var second = Batch("b", 2);

        spool.Append(first);
        spool.Append(second);

        Assert.Equal([.. first, .. second], ReadEverything(spool));
        Assert.Equal(5, spool.PendingPositions);
    }

    [Fact]
    public void Spool_survives_a_new_instance_as_after_a_restart()
    {
        using (var spool = Open())
        {
            spool.Append(Batch("a", 4));
        }

        using var reopened = Open();

        Assert.False(reopened.IsEmpty);
        Assert.Equal(4, reopened.PendingPositions);
        Assert.Equal(Batch("a", 4), ReadEverything(reopened));
    }

    [Fact]
    public void Truncated_last_record_is_skipped_with_a_warning_and_the_rest_is_read()
    {
        using (var spool = Open())
        {
            spool.Append(Batch("a", 3));
            spool.Append(Batch("b", 3));
        }

        // A crash in the middle of the second append leaves only part of it on disk.
        var segment = Directory.GetFiles(_directory, "*.seg").Single();
        using (var file = new FileStream(segment, FileMode.Open))
        {
            file.SetLength(file.Length - 17);
        }

        using var reopened = Open();

        Assert.Equal(Batch("a", 3), ReadEverything(reopened));
        Assert.Contains(_logger.Warnings, w => w.Contains("torn", StringComparison.Ordinal));
    }

    [Fact]
    public void Damaged_record_in_the_middle_is_skipped_and_the_records_after_it_are_read()
    {
        using (var spool = Open())
        {
            spool.Append(Batch("a", 2));
            spool.Append(Batch("b", 2));
            spool.Append(Batch("c", 2));
        }

        var segment = Directory.GetFiles(_directory, "*.seg").Single();
        var bytes = File.ReadAllBytes(segment);
        var secondRecord = bytes.Length / 3 + 40;
        bytes[secondRecord] ^= 0xFF;
        File.WriteAllBytes(segment, bytes);

        using var reopened = Open();
        var read = ReadEverything(reopened);

        Assert.Equal([.. Batch("a", 2), .. Batch("c", 2)], read);
        Assert.Contains(_logger.Warnings, w => w.Contains("damaged", StringComparison.Ordinal));
    }

    [Fact]
    public void Remove_of_a_replayed_segment_empties_the_spool_and_later_appends_start_a_new_segment()
    {
        using var spool = Open();
        spool.Append(Batch("a", 2));

        var segments = spool.CloseAndListSegments();
        spool.Append(Batch("b", 1));
        spool.Remove(Assert.Single(segments));

        Assert.Equal(1, spool.PendingPositions);
        Assert.Equal(Batch("b", 1), ReadEverything(spool));
    }

    private sealed class RecordingLogger : ILogger<PositionSpool>
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => NullLogger.Instance.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }
}
