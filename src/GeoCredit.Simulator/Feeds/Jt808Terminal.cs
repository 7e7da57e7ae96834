using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;
using GeoCredit.Protocols.Jt808;
using GeoCredit.Simulator.Scenarios;

namespace GeoCredit.Simulator.Feeds;

/// <summary>What the platform answered to one terminal message.</summary>
/// <param name="MessageId">The platform message: 0x8001 general reply or 0x8100 registration reply.</param>
/// <param name="Result">Its result byte.</param>
/// <param name="AuthCode">For a successful registration, the auth code.</param>
public sealed record Jt808PlatformAnswer(ushort MessageId, byte Result, string? AuthCode);

/// <summary>
/// A simulated JT/T 808-2013 vehicle terminal on a real TCP connection: registers, authenticates, sends
/// heartbeats and location reports, and reads the platform's replies. Not thread-safe: one caller at a time.
/// </summary>
public sealed class Jt808Terminal : IAsyncDisposable
{
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _input;
    private readonly Jt808FrameReader _frames = new();
    private readonly Jt808Header _self;
    private ushort _serial;

    private Jt808Terminal(Socket socket, Jt808TerminalNumber number)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _input = PipeReader.Create(_stream);
        _self = new Jt808Header
        {
            MessageId = 0,
            Properties = 0,
            Version = Jt808Version.V2013,
            Terminal = number,
            Serial = 0,
        };
    }

    public static async Task<Jt808Terminal> ConnectAsync(
        string host, int port, string terminalNumber, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(host, port, cancellationToken);
        return new Jt808Terminal(socket, Jt808TerminalNumber.Parse(terminalNumber.PadLeft(12, '0')));
    }

    /// <summary>
    /// Registration 0x0100 (JT/T 808-2013, 8.5): province, city, maker, model, id, plate colour, plate.
    /// </summary>
    public Task<Jt808PlatformAnswer> RegisterAsync(string plate, CancellationToken cancellationToken)
    {
        var plateBytes = Encoding.ASCII.GetBytes(plate);
        var body = new byte[2 + 2 + 5 + 20 + 7 + 1 + plateBytes.Length];
        BinaryPrimitives.WriteUInt16BigEndian(body, 37);
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(2), 500);
        Encoding.ASCII.GetBytes("GCSIM", body.AsSpan(4));
        Encoding.ASCII.GetBytes("SIM-808", body.AsSpan(9));
        Encoding.ASCII.GetBytes("T000001", body.AsSpan(29));
        body[36] = 2;
        plateBytes.CopyTo(body, 37);
        return SendAsync(Jt808MessageIds.Registration, body, cancellationToken);
    }

    /// <summary>Authentication 0x0102 (2013: the body is the auth code).</summary>
    public Task<Jt808PlatformAnswer> AuthenticateAsync(string authCode, CancellationToken cancellationToken) =>
        SendAsync(Jt808MessageIds.Authentication, Encoding.ASCII.GetBytes(authCode), cancellationToken);

    public Task<Jt808PlatformAnswer> HeartbeatAsync(CancellationToken cancellationToken) =>
        SendAsync(Jt808MessageIds.Heartbeat, [], cancellationToken);

    /// <summary>Location report 0x0200 (JT/T 808-2013, 8.18) of a fix, with mileage and satellite items.</summary>
    public Task<Jt808PlatformAnswer> ReportAsync(SimulatedFix fix, CancellationToken cancellationToken) =>
        SendAsync(Jt808MessageIds.LocationReport, LocationBody(fix), cancellationToken);

    /// <summary>Writes raw bytes, as a faulty terminal would.</summary>
    public async Task SendRawAsync(byte[] bytes, CancellationToken cancellationToken) =>
        await _stream.WriteAsync(bytes, cancellationToken);

    /// <summary>Whether the platform has closed the connection (reads end).</summary>
    public async Task<bool> IsClosedByPlatformAsync(CancellationToken cancellationToken)
    {
        var read = await _input.ReadAsync(cancellationToken);
        _input.AdvanceTo(read.Buffer.End);
        return read.IsCompleted;
    }

    public static byte[] LocationBody(SimulatedFix fix)
    {
        var body = new byte[28 + 6 + 3];
        var status = 0b10u | (fix.Lat < 0 ? 0b100u : 0) | (fix.Lon < 0 ? 0b1000u : 0);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(4), status);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(8), (uint)Math.Round(Math.Abs(fix.Lat) * 1e6));
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(12), (uint)Math.Round(Math.Abs(fix.Lon) * 1e6));
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(16), 12);
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(18), (ushort)Math.Round(fix.SpeedKmh * 10));
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(20), (ushort)(Math.Round(fix.Course) % 360));
        WriteBcdTime(body.AsSpan(22, 6), fix.Time.ToOffset(ChinaStandardTime));

        // Additional items: mileage (0x01, 1/10 km) and GNSS satellites in view (0x31).
        body[28] = 0x01;
        body[29] = 4;
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(30), 12_345);
        body[34] = 0x31;
        body[35] = 1;
        body[36] = 11;
        return body;
    }

    public async ValueTask DisposeAsync()
    {
        await _input.CompleteAsync();
        await _stream.DisposeAsync();
        _frames.Dispose();
        _socket.Dispose();
    }

    private async Task<Jt808PlatformAnswer> SendAsync(
        ushort messageId, byte[] body, CancellationToken cancellationToken)
    {
        var frame = new ArrayBufferWriter<byte>();
        Jt808FrameWriter.Write(frame, messageId, _self, _serial++, body);
        await _stream.WriteAsync(frame.WrittenMemory, cancellationToken);
        return await ReadAnswerAsync(cancellationToken);
    }

    private async Task<Jt808PlatformAnswer> ReadAnswerAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await _input.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            var answer = TryTakeAnswer(ref buffer);
            _input.AdvanceTo(buffer.Start, read.Buffer.End);
            if (answer is not null)
            {
                return answer;
            }

            if (read.IsCompleted)
            {
                throw new IOException("The platform closed the connection.");
            }
        }
    }

    private Jt808PlatformAnswer? TryTakeAnswer(ref ReadOnlySequence<byte> buffer)
    {
        while (true)
        {
            var result = _frames.Read(buffer);
            if (result.Status == Jt808ReadStatus.NeedMoreData)
            {
                return null;
            }

            buffer = buffer.Slice(result.Consumed);
            if (result.Status != Jt808ReadStatus.Frame)
            {
                continue;
            }

            var body = result.Frame.Body;
            switch (result.Frame.MessageId)
            {
                case 0x8001 when body.Length >= 5:
                    return new Jt808PlatformAnswer(0x8001, body[4], null);
                case 0x8100 when body.Length >= 3:
                    var code = body.Length > 3 ? Encoding.ASCII.GetString(body[3..]) : null;
                    return new Jt808PlatformAnswer(0x8100, body[2], code);
                default:
                    continue;
            }
        }
    }

    private static void WriteBcdTime(Span<byte> destination, DateTimeOffset time)
    {
        ReadOnlySpan<int> parts = [time.Year % 100, time.Month, time.Day, time.Hour, time.Minute, time.Second];
        for (var i = 0; i < parts.Length; i++)
        {
            destination[i] = (byte)(parts[i] / 10 << 4 | parts[i] % 10);
        }
    }
}
