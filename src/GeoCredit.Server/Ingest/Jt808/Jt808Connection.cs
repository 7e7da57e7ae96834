using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using GeoCredit.Core.Ingest;
using GeoCredit.Core.Tracking;
using GeoCredit.Protocols.Jt808;

namespace GeoCredit.Server.Ingest.Jt808;

/// <summary>
/// One terminal's TCP connection: reads frames with <see cref="Jt808FrameReader"/> from a pipe, lets the
/// <see cref="Jt808Session"/> decide each reply, writes the replies, and hands the positions of authenticated
/// terminals to the pipeline. Bad frames are counted and answered where the protocol wants an answer; after
/// too many, this connection (and only this one) is closed. Not thread-safe: one read loop owns it.
/// </summary>
internal sealed partial class Jt808Connection(
    Socket socket,
    Jt808TerminalDirectory directory,
    PositionValidator validator,
    PositionPipeline pipeline,
    IngestStatistics statistics,
    Jt808Options options,
    TimeProvider clock,
    ILogger logger)
{
    private const int MaxSampleBytes = 256;

    private readonly Jt808Session _session = new(directory);
    private readonly Jt808SubPackageAssembler _assembler = new(clock);
    private readonly List<PositionReport> _positions = [];
    private ushort _platformSerial;
    private int _errors;

    public async Task RunAsync(CancellationToken stopping)
    {
        var peer = socket.RemoteEndPoint?.ToString() ?? "unknown";
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 2048, minimumReadSize: 512));
        var output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 512));
        using var frames = new Jt808FrameReader();
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        LogConnected(logger, peer);
        try
        {
            while (true)
            {
                idle.CancelAfter(options.IdleTimeout);
                var read = await input.ReadAsync(idle.Token);
                var buffer = read.Buffer;
                var close = Process(frames, ref buffer, output);
                input.AdvanceTo(buffer.Start, read.Buffer.End);

                if (_positions.Count > 0)
                {
                    await pipeline.IngestAsync(_positions.ToArray(), stopping);
                    _positions.Clear();
                }

                await output.FlushAsync(stopping);
                if (close || read.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            LogIdle(logger, peer, options.IdleTimeout.TotalSeconds);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (IOException e)
        {
            LogDropped(logger, peer, e.Message);
        }
        finally
        {
            _session.Close();
            await input.CompleteAsync();
            await output.CompleteAsync();
            LogClosed(logger, peer, _errors);
        }
    }

    /// <summary>Handles every whole frame in the buffer; says whether the connection must close.</summary>
    private bool Process(Jt808FrameReader frames, ref ReadOnlySequence<byte> buffer, PipeWriter output)
    {
        foreach (var expired in _assembler.RemoveExpired())
        {
            CountError(expired.Rejection.Code, expired.Rejection.Message, default);
        }

        while (true)
        {
            var result = frames.Read(buffer);
            if (result.Status == Jt808ReadStatus.NeedMoreData)
            {
                return false;
            }

            var raw = buffer.Slice(0, result.Consumed);
            buffer = buffer.Slice(result.Consumed);
            if (result.Status == Jt808ReadStatus.Rejected)
            {
                if (CountError(result.Rejection.Code, result.Rejection.Message, raw))
                {
                    return true;
                }

                continue;
            }

            var frame = result.Frame;
            if (!frame.Header.IsSubPackage)
            {
                if (Handle(frame.Header, frame.Body, raw, output, sendReply: true))
                {
                    return true;
                }

                continue;
            }

            var assembly = _assembler.Add(frame);
            if (assembly.Status == Jt808AssemblyStatus.Rejected &&
                CountError(assembly.Rejection.Code, assembly.Rejection.Message, raw))
            {
                return true;
            }

            // Each package is acknowledged; the whole message is handled once its last package arrives.
            WriteReply(output, new Jt808Reply(Jt808ReplyKind.General, frame.Header,
                assembly.Status == Jt808AssemblyStatus.Rejected ? Jt808ReplyResult.MessageError
                    : Jt808ReplyResult.Success));
            if (assembly is { Status: Jt808AssemblyStatus.Complete, Message: { } message } &&
                Handle(message.Header, message.Body.Span, raw, output, sendReply: false))
            {
                return true;
            }
        }
    }

    /// <summary>Handles one whole message; says whether the connection must close. A reassembled message
    /// sends no reply of its own: each of its packages was answered as it came.</summary>
    private bool Handle(
        in Jt808Header header, ReadOnlySpan<byte> body, ReadOnlySequence<byte> raw, PipeWriter output, bool sendReply)
    {
        var reply = _session.Decide(header, body);
        var isLocation = header.MessageId is Jt808MessageIds.LocationReport or Jt808MessageIds.LocationBatch;
        if (isLocation && reply.Result != Jt808ReplyResult.Success)
        {
            // Only an authenticated, known terminal's positions count.
            statistics.CountRejected(PositionSource.Jt808, "unauthenticated_terminal",
                $"Terminal {header.Terminal} sent positions without authenticating.", Hex(raw));
        }
        else if (isLocation && !CollectPositions(header, body, raw))
        {
            reply = _session.RefuseMalformed(header);
        }

        if (sendReply)
        {
            WriteReply(output, reply);
        }

        return reply.CloseAfterReply;
    }

    private bool CollectPositions(in Jt808Header header, ReadOnlySpan<byte> body, ReadOnlySequence<byte> raw)
    {
        if (!directory.TryFind(header.Terminal, out var vehicle))
        {
            statistics.CountRejected(PositionSource.Jt808, "unknown_terminal",
                $"Terminal {header.Terminal} is not in the terminal list.", Hex(raw));
            return true;
        }

        Jt808Rejection rejection;
        if (header.MessageId == Jt808MessageIds.LocationReport)
        {
            if (!Jt808LocationReport.TryDecode(body, out var report, out rejection))
            {
                CountError(rejection.Code, rejection.Message, raw);
                return false;
            }

            Collect(report, vehicle.ObjectId, vehicle.OperatorId, raw);
            return true;
        }

        if (!Jt808LocationBatch.TryDecode(body, out var batch, out rejection))
        {
            CountError(rejection.Code, rejection.Message, raw);
            return false;
        }

        foreach (var report in batch)
        {
            Collect(report, vehicle.ObjectId, vehicle.OperatorId, raw);
        }

        return true;
    }

    private void Collect(Jt808LocationReport report, string objectId, string? operatorId, ReadOnlySequence<byte> raw)
    {
        if (!report.IsPositioned)
        {
            statistics.CountRejected(PositionSource.Jt808, "not_positioned",
                "The terminal reports no valid satellite fix (status bit 1 is clear).", Hex(raw));
            return;
        }

        var outcome = validator.Validate(objectId, ObjectKind.Truck, report.Time, report.Longitude, report.Latitude,
            report.SpeedKmh, report.Direction, null, null, PositionSource.Jt808);
        if (outcome.Report is { } position)
        {
            _positions.Add(operatorId is null ? position : position with { OperatorId = operatorId });
        }
        else
        {
            statistics.CountRejected(PositionSource.Jt808, outcome.Rejection!, Hex(raw));
        }
    }

    /// <summary>Counts a bad frame; says whether this connection has now sent too many.</summary>
    private bool CountError(string code, string message, ReadOnlySequence<byte> raw)
    {
        statistics.CountRejected(PositionSource.Jt808, code, message, Hex(raw));
        _errors++;
        if (_errors < options.MaxErrorsPerConnection)
        {
            return false;
        }

        LogTooManyErrors(logger, socket.RemoteEndPoint?.ToString() ?? "unknown", _errors);
        return true;
    }

    private void WriteReply(PipeWriter output, in Jt808Reply reply) => reply.WriteTo(output, _platformSerial++);

    private static string Hex(ReadOnlySequence<byte> raw)
    {
        if (raw.IsEmpty)
        {
            return "";
        }

        var bytes = raw.Slice(0, Math.Min(raw.Length, MaxSampleBytes)).ToArray();
        return Convert.ToHexString(bytes);
    }

    [LoggerMessage(EventId = 600, Level = LogLevel.Debug, Message = "JT/T 808 terminal connected from {Peer}")]
    private static partial void LogConnected(ILogger logger, string peer);

    [LoggerMessage(EventId = 601, Level = LogLevel.Debug,
        Message = "JT/T 808 connection from {Peer} closed ({Errors} bad frames)")]
    private static partial void LogClosed(ILogger logger, string peer, int errors);

    [LoggerMessage(EventId = 602, Level = LogLevel.Warning,
        Message = "JT/T 808 connection from {Peer} closed after {Errors} bad frames")]
    private static partial void LogTooManyErrors(ILogger logger, string peer, int errors);

    [LoggerMessage(EventId = 603, Level = LogLevel.Debug,
        Message = "JT/T 808 connection from {Peer} closed after {Seconds} s of silence")]
    private static partial void LogIdle(ILogger logger, string peer, double seconds);

    [LoggerMessage(
        EventId = 604, Level = LogLevel.Debug, Message = "JT/T 808 connection from {Peer} dropped: {Reason}")]
    private static partial void LogDropped(ILogger logger, string peer, string reason);
}
