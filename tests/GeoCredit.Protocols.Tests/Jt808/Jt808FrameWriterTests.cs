using System.Buffers;
using System.Buffers.Binary;
using GeoCredit.Protocols.Jt808;
using static GeoCredit.Protocols.Tests.Jt808.Jt808TestFrames;

namespace GeoCredit.Protocols.Tests.Jt808;

public sealed class Jt808FrameWriterTests
{
    private static readonly Jt808Header Request2019 = new()
    {
        MessageId = 0x0200,
        Properties = Jt808Header.PropertiesFor(Jt808Version.V2019, 38),
        Version = Jt808Version.V2019,
        ProtocolVersion = 1,
        Terminal = Jt808TerminalNumber.Parse("00000000013912344329"),
        Serial = 111,
    };

    private static readonly Jt808Header Request2013 = new()
    {
        MessageId = 0x0100,
        Properties = Jt808Header.PropertiesFor(Jt808Version.V2013, 40),
        Version = Jt808Version.V2013,
        Terminal = Jt808TerminalNumber.Parse("013912344323"),
        Serial = 5,
    };

    [Fact]
    public void WritePlatformReply_gives_the_published_frame()
    {
        var output = new ArrayBufferWriter<byte>();

        var written = Jt808FrameWriter.WritePlatformReply(output, Request2019, 0, Jt808ReplyResult.Success);

        Assert.Equal(Hex(Published.PlatformReply2019), output.WrittenSpan.ToArray());
        Assert.Equal(output.WrittenCount, written);
    }

    [Fact]
    public void WriteRegistrationReply_gives_the_published_frame()
    {
        var output = new ArrayBufferWriter<byte>();

        Jt808FrameWriter.WriteRegistrationReply(output, Request2019, 0, Jt808RegistrationResult.Success, "ok..ok..ok");

        Assert.Equal(Hex(Published.RegistrationReply2019), output.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData(Jt808ReplyResult.Success)]
    [InlineData(Jt808ReplyResult.Failure)]
    [InlineData(Jt808ReplyResult.MessageError)]
    [InlineData(Jt808ReplyResult.Unsupported)]
    [InlineData(Jt808ReplyResult.AlarmConfirmed)]
    public void WritePlatformReply_in_2013_reads_back_with_the_reader(Jt808ReplyResult result)
    {
        var output = new ArrayBufferWriter<byte>();

        Jt808FrameWriter.WritePlatformReply(output, Request2013, 9, result);
        var read = Assert.Single(Jt808ReaderLoop.ReadAll(output.WrittenSpan.ToArray()));

        Assert.Equal(Jt808ReadStatus.Frame, read.Status);
        Assert.Equal(0x8001, read.Header.MessageId);
        Assert.Equal(Jt808Version.V2013, read.Header.Version);
        Assert.Equal(Request2013.Terminal, read.Header.Terminal);
        Assert.Equal(9, read.Header.Serial);
        Assert.Equal([.. U16(5), .. U16(0x0100), (byte)result], read.Body);
    }

    [Fact]
    public void WritePlatformReply_escapes_flag_bytes_and_reads_back()
    {
        var request = Request2013 with { Serial = 0x7d7e };
        var output = new ArrayBufferWriter<byte>();

        Jt808FrameWriter.WritePlatformReply(output, request, 0x7e7d, Jt808ReplyResult.Success);
        var frame = output.WrittenSpan.ToArray();
        var read = Assert.Single(Jt808ReaderLoop.ReadAll(frame));

        Assert.Equal(2, frame.Count(b => b == 0x7e));
        Assert.Equal(0x7e7d, read.Header.Serial);
        Assert.Equal(0x7d7e, BinaryPrimitives.ReadUInt16BigEndian(read.Body));
    }

    [Theory]
    [InlineData(Jt808RegistrationResult.VehicleAlreadyRegistered)]
    [InlineData(Jt808RegistrationResult.NoSuchVehicle)]
    [InlineData(Jt808RegistrationResult.TerminalAlreadyRegistered)]
    [InlineData(Jt808RegistrationResult.NoSuchTerminal)]
    public void WriteRegistrationReply_refusal_carries_no_auth_code(Jt808RegistrationResult result)
    {
        var output = new ArrayBufferWriter<byte>();

        Jt808FrameWriter.WriteRegistrationReply(output, Request2013, 1, result, "ignored");
        var read = Assert.Single(Jt808ReaderLoop.ReadAll(output.WrittenSpan.ToArray()));

        Assert.Equal(0x8100, read.Header.MessageId);
        Assert.Equal([.. U16(5), (byte)result], read.Body);
    }

    [Fact]
    public void WriteRegistrationReply_in_2013_with_gbk_auth_code_reads_back()
    {
        var output = new ArrayBufferWriter<byte>();

        Jt808FrameWriter.WriteRegistrationReply(output, Request2013, 1, Jt808RegistrationResult.Success, "鉴权AB");
        var read = Assert.Single(Jt808ReaderLoop.ReadAll(output.WrittenSpan.ToArray()));

        Assert.Equal(Jt808Version.V2013, read.Header.Version);
        Assert.Equal([.. U16(5), 0, 0xBC, 0xF8, 0xC8, 0xA8, (byte)'A', (byte)'B'], read.Body);
    }

    [Fact]
    public void TryWritePlatformReply_into_a_short_span_returns_false()
    {
        var written = Jt808FrameWriter.TryWritePlatformReply(new byte[10], Request2019, 0, Jt808ReplyResult.Success,
            out _);

        Assert.False(written);
    }

    [Fact]
    public void TryWritePlatformReply_into_a_span_gives_the_same_bytes_as_the_buffer_writer()
    {
        var span = new byte[Jt808FrameWriter.MaxFrameLength];

        Jt808FrameWriter.TryWritePlatformReply(span, Request2019, 0, Jt808ReplyResult.Success, out var written);

        Assert.Equal(Hex(Published.PlatformReply2019), span[..written]);
    }
}
