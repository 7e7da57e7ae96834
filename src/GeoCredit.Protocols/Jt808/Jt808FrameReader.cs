using System.Buffers;

namespace GeoCredit.Protocols.Jt808;

/// <summary>Limits of a <see cref="Jt808FrameReader"/>.</summary>
public sealed record Jt808FrameReaderOptions
{
    /// <summary>
    /// The longest content (header, body and check code, unescaped) accepted. A whole message is at most
    /// 21 + 1023 + 1 bytes; 4 KiB leaves room for terminals that overfill the 10-bit body length.
    /// </summary>
    public int MaxFrameLength { get; init; } = 4096;
}

/// <summary>What one call of <c>Jt808FrameReader.Read</c> found.</summary>
public enum Jt808ReadStatus
{
    /// <summary>No complete frame yet: keep the bytes from <c>Consumed</c> on and read more.</summary>
    NeedMoreData,

    /// <summary>A checked frame is in <see cref="Jt808ReadResult.Frame"/>.</summary>
    Frame,

    /// <summary>The bytes up to <c>Consumed</c> were refused, for the reason in <c>Rejection</c>.</summary>
    Rejected,
}

/// <summary>The outcome of one read: a frame, a refusal or a need for more bytes, and how far input was used.</summary>
public readonly ref struct Jt808ReadResult
{
    private Jt808ReadResult(
        Jt808ReadStatus status,
        SequencePosition consumed,
        Jt808Frame frame,
        Jt808Rejection rejection,
        long skippedBytes)
    {
        Status = status;
        Consumed = consumed;
        Frame = frame;
        Rejection = rejection;
        SkippedBytes = skippedBytes;
    }

    public Jt808ReadStatus Status { get; }

    /// <summary>
    /// Where the next read starts: slice the input here. With System.IO.Pipelines, after the last result of a
    /// buffer call <c>AdvanceTo(result.Consumed, buffer.End)</c>.
    /// </summary>
    public SequencePosition Consumed { get; }

    /// <summary>The frame when <see cref="Status"/> is <c>Frame</c>; a view into the buffer.</summary>
    public Jt808Frame Frame { get; }

    public Jt808Rejection Rejection { get; }

    /// <summary>How many bytes a refusal skipped (for <c>garbage_between_frames</c>, the garbage).</summary>
    public long SkippedBytes { get; }

    internal static Jt808ReadResult NeedMore(SequencePosition consumed) =>
        new(Jt808ReadStatus.NeedMoreData, consumed, default, default, 0);

    internal static Jt808ReadResult Accept(SequencePosition consumed, Jt808Frame frame) =>
        new(Jt808ReadStatus.Frame, consumed, frame, default, 0);

    internal static Jt808ReadResult Refuse(SequencePosition consumed, Jt808Rejection rejection, long skipped) =>
        new(Jt808ReadStatus.Rejected, consumed, default, rejection, skipped);
}

/// <summary>
/// Finds JT/T 808 frames in a byte stream as System.IO.Pipelines delivers it: each call returns the next frame,
/// refusal or need for more data, and tells how far it consumed. Unescapes into a caller's buffer or a pooled
/// one, bounds the frame length, and resynchronises on the next 0x7e after garbage or a bad frame.
/// </summary>
/// <remarks>
/// <para>
/// Not thread-safe: one reader per connection. It carries one bit of state between calls, whether it is
/// dropping the rest of an oversize frame. Never throws on any input.
/// </para>
/// <para>
/// Resynchronisation: a valid frame consumes both of its flags. A refused frame consumes its opening flag and
/// content but leaves its closing flag, which then opens the next candidate: after a lost byte in a stream, a
/// closing flag is taken for an opening one and the frame after it is still found. Two adjacent flags (an empty
/// frame) are skipped silently. Senders that share one flag between two frames are not supported: the standard
/// gives every message its own pair (JT/T 808-2019, 4.4.1), and the second frame reads as garbage.
/// </para>
/// </remarks>
public sealed class Jt808FrameReader : IDisposable
{
    private readonly int _maxFrameLength;
    private byte[]? _pooled;
    private bool _discarding;
    private bool _disposed;

    public Jt808FrameReader(Jt808FrameReaderOptions? options = null)
    {
        _maxFrameLength = options?.MaxFrameLength ?? new Jt808FrameReaderOptions().MaxFrameLength;
        ArgumentOutOfRangeException.ThrowIfLessThan(_maxFrameLength, Jt808Frame.MinContentLength, nameof(options));
    }

    public int MaxFrameLength => _maxFrameLength;

    /// <summary>Reads the next frame into a buffer the reader rents; the frame is valid until the next call.</summary>
    public Jt808ReadResult Read(in ReadOnlySequence<byte> input)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _pooled ??= ArrayPool<byte>.Shared.Rent(_maxFrameLength);
        return Read(input, _pooled);
    }

    /// <summary>
    /// Reads the next frame, unescaping it into <paramref name="buffer"/>, which must hold at least
    /// <see cref="MaxFrameLength"/> bytes; the frame is a view into it.
    /// </summary>
    public Jt808ReadResult Read(in ReadOnlySequence<byte> input, Span<byte> buffer)
    {
        if (buffer.Length < _maxFrameLength)
        {
            throw new ArgumentException(
                $"The buffer holds {buffer.Length} bytes; frames may be {_maxFrameLength}.", nameof(buffer));
        }

        var remaining = input;

        // The tail of an oversize frame was already refused: drop it silently up to the next flag.
        if (_discarding)
        {
            var next = remaining.PositionOf(Jt808Escaping.Flag);
            if (next is null)
            {
                return Jt808ReadResult.NeedMore(remaining.End);
            }

            remaining = remaining.Slice(next.Value);
            _discarding = false;
        }

        while (true)
        {
            if (remaining.IsEmpty)
            {
                return Jt808ReadResult.NeedMore(remaining.Start);
            }

            if (FirstByte(remaining) != Jt808Escaping.Flag)
            {
                return RefuseGarbage(remaining);
            }

            // Search for the closing flag only as far as the longest escaped frame, so that a stream without
            // flags costs a bounded scan per call.
            var afterOpen = remaining.Slice(1);
            var maxEscaped = 2L * _maxFrameLength;
            var window = afterOpen.Length > maxEscaped ? afterOpen.Slice(0, maxEscaped + 1) : afterOpen;
            var close = window.PositionOf(Jt808Escaping.Flag);
            if (close is null)
            {
                if (window.Length > maxEscaped || UnescapedLowerBound(window) > _maxFrameLength)
                {
                    _discarding = true;
                    return Jt808ReadResult.Refuse(window.End, TooLong(), window.Length + 1);
                }

                return Jt808ReadResult.NeedMore(remaining.Start);
            }

            var content = afterOpen.Slice(0, close.Value);
            if (content.IsEmpty)
            {
                remaining = afterOpen;
                continue;
            }

            var reason = UnescapeInto(content, buffer[.._maxFrameLength], out var length);
            if (reason != Jt808Reason.None)
            {
                var rejection = reason == Jt808Reason.FrameTooLong ? TooLong() : Jt808Rejection.Of(reason);
                return Jt808ReadResult.Refuse(close.Value, rejection, content.Length + 1);
            }

            if (!Jt808Frame.TryParse(buffer[..length], out var frame, out var refused))
            {
                return Jt808ReadResult.Refuse(close.Value, refused, content.Length + 1);
            }

            return Jt808ReadResult.Accept(afterOpen.GetPosition(1, close.Value), frame);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        if (_pooled is { } pooled)
        {
            _pooled = null;
            ArrayPool<byte>.Shared.Return(pooled);
        }
    }

    private static byte FirstByte(in ReadOnlySequence<byte> sequence)
    {
        foreach (var segment in sequence)
        {
            if (!segment.IsEmpty)
            {
                return segment.Span[0];
            }
        }

        return 0;
    }

    private static Jt808ReadResult RefuseGarbage(ReadOnlySequence<byte> remaining)
    {
        var flag = remaining.PositionOf(Jt808Escaping.Flag);
        var garbage = flag is { } at ? remaining.Slice(0, at) : remaining;
        var rejection = new Jt808Rejection(Jt808Reason.GarbageBetweenFrames,
            $"Skipped {garbage.Length} bytes outside any 0x7e-delimited frame.");
        return Jt808ReadResult.Refuse(garbage.End, rejection, garbage.Length);
    }

    private Jt808Rejection TooLong() => new(Jt808Reason.FrameTooLong,
        $"The frame is longer than the maximum of {_maxFrameLength} unescaped bytes and was dropped.");

    private static long UnescapedLowerBound(in ReadOnlySequence<byte> escaped)
    {
        var escapes = 0L;
        foreach (var segment in escaped)
        {
            escapes += segment.Span.Count(Jt808Escaping.Escape);
        }

        return escaped.Length - escapes;
    }

    private static Jt808Reason UnescapeInto(in ReadOnlySequence<byte> content, Span<byte> destination, out int length)
    {
        length = 0;
        var pendingEscape = false;
        foreach (var segment in content)
        {
            var reason = Jt808Escaping.Unescape(segment.Span, destination, ref length, ref pendingEscape);
            if (reason != Jt808Reason.None)
            {
                return reason;
            }
        }

        // An escape byte just before the closing flag escapes nothing.
        return pendingEscape ? Jt808Reason.BadEscape : Jt808Reason.None;
    }
}
