using System.Buffers;
using System.Text;
using GeoCredit.Core.Ingest;
using GeoCredit.Core.Tracking;
using GeoCredit.Protocols.Ais;

namespace GeoCredit.Server.Ingest.Ais;

/// <summary>
/// Turns the NMEA lines of one source (a TCP connection, a UDP sender, a feed) into positions: decodes each
/// with the source's own <see cref="AisDecoder"/> (multi-part messages are assembled per source), counts every
/// refusal by reason, updates vessels' static data, and collects the validated positions for the pipeline.
/// Not thread-safe: one per source.
/// </summary>
public sealed class AisLineHandler(
    AisDecoder decoder,
    PositionValidator validator,
    VesselRegistry vessels,
    IngestStatistics statistics,
    TimeProvider clock)
{
    private const int MaxStackLine = 1024;

    private readonly List<PositionReport> _positions = [];

    /// <summary>How many lines this source sent that were refused.</summary>
    public int Errors { get; private set; }

    /// <summary>Splits a buffer into lines and handles each whole one; the tail without a newline is left in
    /// <paramref name="buffer"/> unless <paramref name="final"/> says no more data will come.</summary>
    public void HandleLines(ref ReadOnlySequence<byte> buffer, bool final)
    {
        while (true)
        {
            var newline = buffer.PositionOf((byte)'\n');
            if (newline is null)
            {
                if (buffer.Length > AisDecoder.MaxLineLength * 4 || (final && !buffer.IsEmpty))
                {
                    // A peer that never sends a newline would grow the buffer forever: take what it sent as a line.
                    Handle(buffer);
                    buffer = buffer.Slice(buffer.End);
                }

                return;
            }

            Handle(buffer.Slice(0, newline.Value));
            buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
        }
    }

    /// <summary>Handles one line (with or without its line ending).</summary>
    public void Handle(ReadOnlySequence<byte> line)
    {
        if (line.IsSingleSegment)
        {
            Handle(line.FirstSpan);
            return;
        }

        if (line.Length <= MaxStackLine)
        {
            Span<byte> copy = stackalloc byte[(int)line.Length];
            line.CopyTo(copy);
            Handle(copy);
            return;
        }

        Handle(line.ToArray());
    }

    public void Handle(ReadOnlySpan<byte> line)
    {
        var outcome = decoder.Decode(line);
        if (outcome.IsRejected)
        {
            Errors++;
            statistics.CountRejected(PositionSource.Ais, outcome.Rejection!.Code, outcome.Rejection.Message,
                Encoding.ASCII.GetString(line[..Math.Min(line.Length, 512)]));
        }
        else if (outcome.IsMessage)
        {
            Accept(outcome.Message);
        }

        while (decoder.TryTakeDropped(out var dropped))
        {
            Errors++;
            statistics.CountRejected(
                PositionSource.Ais, dropped.Rejection.Code, dropped.Rejection.Message, dropped.Input);
        }
    }

    /// <summary>Gives up on multi-part messages whose parts stopped coming; for idle sources.</summary>
    public void ExpireFragments()
    {
        decoder.ExpireFragments();
        while (decoder.TryTakeDropped(out var dropped))
        {
            Errors++;
            statistics.CountRejected(
                PositionSource.Ais, dropped.Rejection.Code, dropped.Rejection.Message, dropped.Input);
        }
    }

    /// <summary>Takes the positions collected since the last call.</summary>
    public IReadOnlyList<PositionReport> TakePositions()
    {
        if (_positions.Count == 0)
        {
            return [];
        }

        var taken = _positions.ToArray();
        _positions.Clear();
        return taken;
    }

    private void Accept(in AisMessage message)
    {
        var now = clock.GetUtcNow();
        if (message.Static is { } data && message.CarriesStaticData)
        {
            vessels.Update(message.MmsiText, data, now);
        }

        if (!message.CarriesPosition)
        {
            return;
        }

        // Base stations (type 4) and aids to navigation (type 21) are fixed stations, not tracked objects.
        if (message.Type is 4 or 21)
        {
            return;
        }

        var mmsi = message.MmsiText;
        var validation = validator.ValidateAis(message, now, vessels.KindOf(mmsi));
        if (validation is not { } outcome)
        {
            statistics.CountRejected(PositionSource.Ais, "position_not_available",
                "The message says its position is not available (latitude 91, longitude 181).", mmsi);
            return;
        }

        if (outcome.Report is { } report)
        {
            _positions.Add(report);
        }
        else
        {
            Errors++;
            statistics.CountRejected(PositionSource.Ais, outcome.Rejection!, mmsi);
        }
    }
}
