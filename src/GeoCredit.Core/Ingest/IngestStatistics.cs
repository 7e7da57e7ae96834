using System.Collections.Concurrent;
using GeoCredit.Core.Tracking;

namespace GeoCredit.Core.Ingest;

/// <summary>A refused input kept for inspection: what came in, when, and why it was refused.</summary>
public sealed record RejectedSample(
    DateTimeOffset At, PositionSource Source, string Reason, string Message, string Input);

/// <summary>How many inputs of one source were refused for one reason.</summary>
public sealed record RejectionCount(PositionSource Source, string Reason, long Count);

/// <summary>
/// Counts accepted and refused inputs per source and reason, and keeps the most recent refused inputs in a
/// bounded buffer so an operator can see what a feed is sending. Thread-safe and lock-free on the counting path.
/// </summary>
public sealed class IngestStatistics(TimeProvider clock, int sampleCapacity = 100)
{
    private const int MaxSampleInputLength = 512;

    private readonly ConcurrentDictionary<(PositionSource Source, string Reason), long> _rejections = new();
    private readonly long[] _accepted = new long[Enum.GetValues<PositionSource>().Length];
    private readonly long[] _duplicates = new long[Enum.GetValues<PositionSource>().Length];
    private readonly RejectedSample?[] _samples = new RejectedSample?[sampleCapacity];
    private long _sampleCursor;

    public void CountAccepted(PositionSource source, int count = 1) =>
        Interlocked.Add(ref _accepted[(int)source], count);

    /// <summary>Counts repeats of an object's last fix, which are dropped: not bad input, but worth seeing.</summary>
    public void CountDuplicates(PositionSource source, int count = 1) =>
        Interlocked.Add(ref _duplicates[(int)source], count);

    public long Duplicates(PositionSource source) => Interlocked.Read(ref _duplicates[(int)source]);

    public void CountRejected(PositionSource source, string reason, string message, ReadOnlySpan<char> input)
    {
        _rejections.AddOrUpdate((source, reason), 1, static (_, count) => count + 1);

        var text = input.Length > MaxSampleInputLength
            ? string.Concat(input[..MaxSampleInputLength], "…")
            : input.ToString();
        var slot = (Interlocked.Increment(ref _sampleCursor) - 1) % _samples.Length;
        Volatile.Write(ref _samples[slot], new RejectedSample(clock.GetUtcNow(), source, reason, message, text));
    }

    public void CountRejected(PositionSource source, Rejection rejection, ReadOnlySpan<char> input) =>
        CountRejected(source, rejection.Code, rejection.Message, input);

    public long Accepted(PositionSource source) => Interlocked.Read(ref _accepted[(int)source]);

    public IReadOnlyList<RejectionCount> Rejections() =>
        _rejections.Select(pair => new RejectionCount(pair.Key.Source, pair.Key.Reason, pair.Value))
            .OrderBy(count => count.Source)
            .ThenBy(count => count.Reason, StringComparer.Ordinal)
            .ToArray();

    /// <summary>The refused inputs still in the buffer, newest first.</summary>
    public IReadOnlyList<RejectedSample> Samples() =>
        _samples.Select(sample => Volatile.Read(ref sample))
            .OfType<RejectedSample>()
            .OrderByDescending(sample => sample.At)
            .ToArray();
}
