using System.Buffers;
using GeoCredit.Protocols.Jt808;

namespace GeoCredit.Protocols.Tests.Jt808;

/// <summary>
/// Builds JT/T 808 frames byte by byte for tests, independently of the codec under test: its own BCD, XOR and
/// escaping, written from the standard's tables (JT/T 808-2019, 4.4) rather than from the production code.
/// </summary>
internal static class Jt808TestFrames
{
    /// <summary>
    /// Published frames from the xtream-codec project (makeclan/xtream-codec, file
    /// debug/jt/jt-808-server-spring-boot-starter-debug-ui/src/utils/codec-utils.ts), licensed under the Mulan
    /// Permissive Software License v2. Their check codes were recomputed by hand before use.
    /// </summary>
    public static class Published
    {
        /// <summary>0x0200, 2019 header, terminal 00000000013912344329, fuel and mileage items.</summary>
        public const string Location2019 =
            "7e02004026010000000001391234432900000000006f0000001601dc9a0707456246007b00420003250129223344"
            + "0202006401040000000c417e";

        /// <summary>0x0704, 2019 header, two normal reports.</summary>
        public const string Batch2019 =
            "7e0704403f01000000000139123443290000000200001c000000010000000101d907f2073d336c029a00210059241029213903"
            + "001c000000010000000101d907f3073d336d03090043005a241029213903f87e";

        /// <summary>0x8001, 2019 header: reply to serial 111 of a 0x0200, success, platform serial 0.</summary>
        public const string PlatformReply2019 = "7e8001400501000000000139123443290000006f020000dc7e";

        /// <summary>0x8100, 2019 header: reply to serial 111, success, auth code "ok..ok..ok", serial 0.</summary>
        public const string RegistrationReply2019 =
            "7e8100400d01000000000139123443290000006f006f6b2e2e6f6b2e2e6f6bd27e";

        /// <summary>0x8003, 2013 header, terminal 013912344323, serial 0, a 9-byte body.</summary>
        public const string Retransmit2013 = "7e800300090139123443230000006f030002000300049d7e";
    }

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    public static byte[] Bcd(string digits)
    {
        var bytes = new byte[digits.Length / 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(((digits[2 * i] - '0') << 4) | (digits[2 * i + 1] - '0'));
        }

        return bytes;
    }

    public static byte[] U16(int value) => [(byte)(value >> 8), (byte)value];

    public static byte[] U32(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    /// <summary>2013 header: id, properties (body length in bits 0-9, sub-package bit 13), BCD[6], serial.</summary>
    public static byte[] Header2013(ushort id, int bodyLength, string terminal12, ushort serial,
        ushort total = 0, ushort index = 0, int encryption = 0, bool? subPackage = null)
    {
        var packaged = subPackage ?? total > 0;
        var properties = bodyLength | (encryption << 10) | (packaged ? 1 << 13 : 0);
        byte[] header = [.. U16(id), .. U16(properties), .. Bcd(terminal12), .. U16(serial)];
        return packaged ? [.. header, .. U16(total), .. U16(index)] : header;
    }

    /// <summary>2019 header: as 2013 with bit 14 set, then a protocol version byte and BCD[10].</summary>
    public static byte[] Header2019(ushort id, int bodyLength, string terminal20, ushort serial,
        ushort total = 0, ushort index = 0, byte protocolVersion = 1)
    {
        var properties = bodyLength | (1 << 14) | (total > 0 ? 1 << 13 : 0);
        byte[] header = [.. U16(id), .. U16(properties), protocolVersion, .. Bcd(terminal20), .. U16(serial)];
        return total > 0 ? [.. header, .. U16(total), .. U16(index)] : header;
    }

    /// <summary>Flag, escaped header + body + XOR check code, flag.</summary>
    public static byte[] Frame(byte[] header, byte[] body)
    {
        byte[] plain = [.. header, .. body];
        byte check = 0;
        foreach (var b in plain)
        {
            check ^= b;
        }

        return Wrap([.. plain, check]);
    }

    public static byte[] Wrap(byte[] plainWithCheck)
    {
        var escaped = new List<byte> { 0x7e };
        foreach (var b in plainWithCheck)
        {
            switch (b)
            {
                case 0x7e:
                    escaped.AddRange([0x7d, 0x02]);
                    break;
                case 0x7d:
                    escaped.AddRange([0x7d, 0x01]);
                    break;
                default:
                    escaped.Add(b);
                    break;
            }
        }

        escaped.Add(0x7e);
        return [.. escaped];
    }

    public static byte[] Location2013(byte[] body, string terminal = "013912344323", ushort serial = 1) =>
        Frame(Header2013(0x0200, body.Length, terminal, serial), body);

    /// <summary>
    /// A 0x0200 body: alarm u32, status u32, latitude u32 and longitude u32 in 1e-6 degrees, altitude u16 m,
    /// speed u16 0.1 km/h, direction u16, time BCD[6] YYMMDDhhmmss (UTC+8), then the additional items.
    /// </summary>
    public static byte[] LocationBody(
        uint alarm = 0,
        uint status = 0b10,
        uint latitude = 39_908_692,
        uint longitude = 116_397_477,
        ushort altitude = 44,
        ushort speed = 605,
        ushort direction = 270,
        string time = "210305102030",
        params byte[][] items)
    {
        byte[] body =
        [
            .. U32(alarm), .. U32(status), .. U32(latitude), .. U32(longitude),
            .. U16(altitude), .. U16(speed), .. U16(direction), .. Bcd(time),
        ];
        foreach (var item in items)
        {
            body = [.. body, .. item];
        }

        return body;
    }

    /// <summary>An additional item: id u8, length u8, value.</summary>
    public static byte[] Item(byte id, params byte[] value) => [id, (byte)value.Length, .. value];

    /// <summary>A sequence of several segments, cut at the given offsets, as a socket would deliver it.</summary>
    public static ReadOnlySequence<byte> Segments(byte[] data, params int[] cuts)
    {
        var bounds = cuts.Prepend(0).Append(data.Length).ToArray();
        Segment? first = null;
        Segment? last = null;
        for (var i = 0; i < bounds.Length - 1; i++)
        {
            var piece = data.AsMemory(bounds[i], bounds[i + 1] - bounds[i]);
            last = last is null ? first = new Segment(piece, 0) : last.Append(piece);
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}

/// <summary>Collects every result of reading a whole input, the way a connection loop does.</summary>
internal sealed record ReadEvent(
    Jt808ReadStatus Status,
    Jt808Header Header,
    byte[] Body,
    Jt808Rejection Rejection,
    long Skipped);

internal static class Jt808ReaderLoop
{
    public static List<ReadEvent> ReadAll(ReadOnlySequence<byte> input, Jt808FrameReaderOptions? options = null)
    {
        using var reader = new Jt808FrameReader(options);
        var events = new List<ReadEvent>();
        while (true)
        {
            var result = reader.Read(input);
            if (result.Status == Jt808ReadStatus.NeedMoreData)
            {
                return events;
            }

            input = input.Slice(result.Consumed);
            events.Add(new ReadEvent(result.Status, result.Frame.Header, result.Frame.Body.ToArray(), result.Rejection,
                result.SkippedBytes));
        }
    }

    public static List<ReadEvent> ReadAll(byte[] input, Jt808FrameReaderOptions? options = null) =>
        ReadAll(new ReadOnlySequence<byte>(input), options);
}
