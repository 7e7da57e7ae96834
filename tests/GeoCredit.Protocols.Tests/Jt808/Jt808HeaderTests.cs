using GeoCredit.Protocols.Jt808;
using static GeoCredit.Protocols.Tests.Jt808.Jt808TestFrames;

namespace GeoCredit.Protocols.Tests.Jt808;

public sealed class Jt808HeaderTests
{
    [Fact]
    public void Header_of_published_2013_frame_gives_its_fields()
    {
        var frame = Assert.Single(Jt808ReaderLoop.ReadAll(Hex(Published.Retransmit2013)));

        Assert.Equal(Jt808ReadStatus.Frame, frame.Status);
        Assert.Equal(Jt808Version.V2013, frame.Header.Version);
        Assert.Equal(0x8003, frame.Header.MessageId);
        Assert.Equal("013912344323", frame.Header.Terminal.ToString());
        Assert.Equal(0, frame.Header.Serial);
        Assert.Equal(9, frame.Header.BodyLength);
        Assert.Equal(12, frame.Header.Length);
        Assert.Equal(0, frame.Header.ProtocolVersion);
    }

    [Fact]
    public void Header_of_published_2019_frame_gives_its_fields()
    {
        var frame = Assert.Single(Jt808ReaderLoop.ReadAll(Hex(Published.Location2019)));

        Assert.Equal(Jt808Version.V2019, frame.Header.Version);
        Assert.Equal(1, frame.Header.ProtocolVersion);
        Assert.Equal("00000000013912344329", frame.Header.Terminal.ToString());
        Assert.Equal("13912344329", frame.Header.Terminal.ToTrimmedString());
        Assert.Equal(17, frame.Header.Length);
        Assert.False(frame.Header.IsSubPackage);
        Assert.Equal(0, frame.Header.Encryption);
    }

    [Theory]
    [InlineData(Jt808Version.V2013, 16)]
    [InlineData(Jt808Version.V2019, 21)]
    public void Header_of_sub_package_gives_total_and_index(Jt808Version version, int length)
    {
        byte[] body = [1, 2, 3];
        var header = version == Jt808Version.V2013
            ? Header2013(0x0801, body.Length, "013912344323", 42, total: 5, index: 2)
            : Header2019(0x0801, body.Length, "00000000013912344323", 42, total: 5, index: 2);

        var frame = Assert.Single(Jt808ReaderLoop.ReadAll(Frame(header, body)));

        Assert.True(frame.Header.IsSubPackage);
        Assert.Equal(5, frame.Header.PackageTotal);
        Assert.Equal(2, frame.Header.PackageIndex);
        Assert.Equal(length, frame.Header.Length);
        Assert.Equal(body, frame.Body);
    }

    [Fact]
    public void Header_with_non_decimal_terminal_digit_refuses_bad_bcd()
    {
        var header = Header2013(0x0002, 0, "013912344323", 1);
        header[9] = 0x3A;

        var frame = Assert.Single(Jt808ReaderLoop.ReadAll(Frame(header, [])));

        Assert.Equal("bad_bcd", frame.Rejection.Code);
    }

    [Fact]
    public void Header_with_version_flag_but_2013_length_refuses_frame_too_short()
    {
        // 12 header bytes whose properties claim the 17-byte 2019 layout.
        var header = Header2013(0x0002, 0, "013912344323", 1);
        header[2] |= 0x40;

        var frame = Assert.Single(Jt808ReaderLoop.ReadAll(Frame(header, [])));

        Assert.Equal("frame_too_short", frame.Rejection.Code);
    }

    [Fact]
    public void Header_write_then_read_gives_the_same_header()
    {
        var header = new Jt808Header
        {
            MessageId = 0x0801,
            Properties = (ushort)((1 << 14) | (1 << 13) | 3),
            Version = Jt808Version.V2019,
            ProtocolVersion = 1,
            Terminal = Jt808TerminalNumber.Parse("00000000013912344329"),
            Serial = 0xBEEF,
            PackageTotal = 9,
            PackageIndex = 4,
        };
        var bytes = new byte[header.Length];

        var written = header.Write(bytes);
        var reason = Jt808Header.TryRead(bytes, out var read);

        Assert.Equal(21, written);
        Assert.Equal(Jt808Reason.None, reason);
        Assert.Equal(header, read);
    }
}
