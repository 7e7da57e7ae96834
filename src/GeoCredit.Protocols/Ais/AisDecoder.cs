using System.Diagnostics.CodeAnalysis;

namespace GeoCredit.Protocols.Ais;

/// <summary>
/// Decodes AIS NMEA 0183 lines (<c>!xxVDM</c>/<c>!xxVDO</c>, IEC 61162-1, with optional NMEA 4.10 tag blocks)
/// into <see cref="AisMessage"/>s, one line at a time, assembling multi-sentence messages as it goes.
/// </summary>
/// <remarks>
/// <para>
/// Stateful and <b>not thread-safe</b>: it holds the fragments of incomplete messages, so use one decoder per
/// connection or file and call it from one thread. It never throws on input: every refused line comes back as
/// an <see cref="AisOutcomeKind.Rejected"/> outcome with a reason code and a sentence.
/// </para>
/// <para>
/// A single-sentence position report is decoded without allocating: the line is read in place, the payload is
/// unarmoured on the stack, and the result is a struct. Messages with text allocate their strings.
/// Incomplete messages that are given up on (timed out, superseded, evicted) are not the outcome of the line
/// being read; take them with <see cref="TryTakeDropped"/> after each call, and call
/// <see cref="ExpireFragments"/> when the connection is idle so that timeouts are noticed without new lines.
/// </para>
/// </remarks>
public sealed class AisDecoder
{
    /// <summary>The longest line accepted; longer ones are refused as <c>line_too_long</c>.</summary>
    public const int MaxLineLength = VdmSentence.MaxLineLength;

    private static readonly byte[] LineWhiteSpace = " \t\r\n\0"u8.ToArray();

    private readonly FragmentAssembler _fragments;
    private readonly StationNames _stations = new();

    public AisDecoder(TimeProvider clock)
        : this(clock, new AisDecoderOptions())
    {
    }

    public AisDecoder(TimeProvider clock, AisDecoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.FragmentTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPendingMessages, 1);

        _fragments = new FragmentAssembler(clock, options.FragmentTimeout, options.MaxPendingMessages);
    }

    /// <summary>How many multi-sentence messages are waiting for more fragments.</summary>
    public int PendingMessages => _fragments.PendingCount;

    /// <summary>Decodes one line of ASCII (or UTF-8) bytes, as read from a TCP stream or a file.</summary>
    /// <param name="line">One line, with or without its line ending.</param>
    public AisOutcome Decode(ReadOnlySpan<byte> line) => DecodeTrimmed(line.Trim(LineWhiteSpace));

    /// <summary>Decodes one line of text.</summary>
    /// <param name="line">One line, with or without its line ending.</param>
    public AisOutcome Decode(ReadOnlySpan<char> line)
    {
        var trimmed = line.Trim();
        if (trimmed.Length > MaxLineLength)
        {
            return AisOutcome.Refused(AisRejections.LineTooLong(trimmed.Length));
        }

        // NMEA 0183 is ASCII: anything wider becomes a byte that the sentence reader refuses as unprintable.
        Span<byte> bytes = stackalloc byte[trimmed.Length];
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            bytes[i] = c <= 0x7F ? (byte)c : (byte)0xFF;
        }

        return DecodeTrimmed(bytes);
    }

    /// <summary>Drops the incomplete messages whose timeout has passed; see <see cref="TryTakeDropped"/>.</summary>
    public void ExpireFragments() => _fragments.ExpireDue();

    /// <summary>
    /// Takes the next incomplete message that was given up on, to be counted as a rejection. Drain it after
    /// each <see cref="Decode(ReadOnlySpan{byte})"/> and <see cref="ExpireFragments"/>; at most 256 wait.
    /// </summary>
    public bool TryTakeDropped([NotNullWhen(true)] out AisDroppedMessage? dropped) =>
        _fragments.TryTakeDropped(out dropped);

    private AisOutcome DecodeTrimmed(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty)
        {
            return AisOutcome.Blank;
        }

        _fragments.ExpireDue();

        var rejection = VdmSentence.TryRead(line, out var sentence);
        if (rejection is not null)
        {
            return AisOutcome.Refused(rejection);
        }

        var station = sentence.Station.IsEmpty ? null : _stations.Get(sentence.Station);
        if (sentence.FragmentCount == 1)
        {
            var reception = new AisReception((char)sentence.Channel, sentence.IsOwnShip, station, sentence.StationTime);
            return DecodePayload(sentence.Payload, sentence.FillBits, reception);
        }

        return sentence.FragmentNumber == 1
            ? StartMessage(sentence, station, line)
            : ContinueMessage(sentence, station);
    }

    private AisOutcome StartMessage(scoped in VdmSentence sentence, string? station, ReadOnlySpan<byte> line)
    {
        // A first fragment while another message with the same key is pending means the old one lost its tail.
        var superseded = _fragments.Find(sentence, station);
        if (superseded is not null)
        {
            _fragments.Drop(superseded, AisRejections.Superseded(superseded.Received, superseded.Count));
        }

        _fragments.Start(sentence, station, line);
        return AisOutcome.Fragment;
    }

    private AisOutcome ContinueMessage(scoped in VdmSentence sentence, string? station)
    {
        var pending = _fragments.Find(sentence, station)
            ?? (station is null ? _fragments.FindFromAnyStation(sentence) : null);
        if (pending is null)
        {
            return AisOutcome.Refused(
                AisRejections.FragmentWithoutStart(sentence.FragmentNumber, sentence.FragmentCount));
        }

        var expected = pending.Received + 1;
        if (pending.Count != sentence.FragmentCount || sentence.FragmentNumber != expected)
        {
            _fragments.Drop(pending, AisRejections.BrokenByOutOfOrderFragment(pending.Received, pending.Count));
            return AisOutcome.Refused(AisRejections.FragmentOutOfOrder(
                sentence.FragmentNumber, sentence.FragmentCount, expected, pending.Count));
        }

        if (!pending.TryAppend(sentence))
        {
            var length = pending.PayloadLength + sentence.Payload.Length;
            _fragments.Drop(pending, AisRejections.BrokenByRefusedFragment(pending.Received, pending.Count));
            return AisOutcome.Refused(AisRejections.PayloadTooLong(length));
        }

        if (pending.Received < pending.Count)
        {
            return AisOutcome.Fragment;
        }

        _fragments.Complete(pending);
        var reception = new AisReception(
            (char)sentence.Channel, sentence.IsOwnShip, pending.Station ?? station, pending.StationTime);
        return DecodePayload(pending.Payload, pending.FillBits, reception);
    }

    private static AisOutcome DecodePayload(ReadOnlySpan<byte> payload, int fillBits, AisReception reception)
    {
        Span<byte> packed = stackalloc byte[SixBitPayload.PackedLength(payload.Length)];
        var length = SixBitPayload.Pack(payload, fillBits, packed);

        var rejection = AisPayloadDecoder.TryDecode(new AisBits(packed, length), reception, out var message);
        return rejection is null ? AisOutcome.Decoded(message) : AisOutcome.Refused(rejection);
    }
}
