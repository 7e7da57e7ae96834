using System.Text;
using GeoCredit.Protocols.Jt808;
using static GeoCredit.Protocols.Tests.Jt808.Jt808TestFrames;

namespace GeoCredit.Protocols.Tests.Jt808;

public sealed class Jt808TerminalMessagesTests
{
    // "京A12345" in GBK: 京 is 0xBE 0xA9, the rest ASCII.
    private static readonly byte[] PlateGbk = [0xBE, 0xA9, .. "A12345"u8];

    [Fact]
    public void Decode_2013_registration_gives_padded_fields_trimmed_and_gbk_plate()
    {
        byte[] body =
        [
            .. U16(11), .. U16(100),                                  // province 11 (Beijing), city 0100
            .. Padded("70111", 5),                                    // manufacturer id BYTE[5]
            .. Padded("GC-808", 20),                                  // terminal model BYTE[20], 0x00 padded
            .. Padded("T000042", 7),                                  // terminal id BYTE[7]
            1,                                                        // plate colour: blue
            .. PlateGbk,                                              // plate STRING (GBK)
        ];

        var decoded = Jt808Registration.TryDecode(body, Jt808Version.V2013, out var registration, out _);

        Assert.True(decoded);
        Assert.Equal(new Jt808Registration(11, 100, "70111", "GC-808", "T000042", 1, "京A12345"), registration);
    }

    [Fact]
    public void Decode_2019_registration_uses_the_wider_fields()
    {
        byte[] body =
        [
            .. U16(44), .. U16(300),
            .. Padded("MAKER000001", 11),                             // manufacturer id BYTE[11]
            .. Padded("GC-808-2019", 30),                             // terminal model BYTE[30]
            .. Padded("SN-0000000000000000042", 30),                  // terminal id BYTE[30]
            2,                                                        // plate colour: yellow
            .. new byte[] { 0xD4, 0xC1 }, .. "B88888"u8,              // 粤B88888
        ];

        Jt808Registration.TryDecode(body, Jt808Version.V2019, out var registration, out _);

        Assert.Equal(new Jt808Registration(44, 300, "MAKER000001", "GC-808-2019", "SN-0000000000000000042", 2,
            "粤B88888"), registration);
    }

    [Fact]
    public void Decode_registration_shorter_than_its_fixed_fields_refuses_truncated_body()
    {
        var decoded = Jt808Registration.TryDecode(new byte[36], Jt808Version.V2013, out _, out var rejection);

        Assert.False(decoded);
        Assert.Equal("truncated_body", rejection.Code);
    }

    [Fact]
    public void Decode_2013_authentication_is_the_whole_body()
    {
        Jt808Authentication.TryDecode("8300200260432"u8, Jt808Version.V2013, out var authentication, out _);

        Assert.Equal(new Jt808Authentication("8300200260432", null, null), authentication);
    }

    [Fact]
    public void Decode_2019_authentication_gives_code_imei_and_software_version()
    {
        byte[] body = [6, .. "ok-123"u8, .. "860000000000042"u8, .. Padded("V1.2.3", 20)];

        Jt808Authentication.TryDecode(body, Jt808Version.V2019, out var authentication, out _);

        Assert.Equal(new Jt808Authentication("ok-123", "860000000000042", "V1.2.3"), authentication);
    }

    [Fact]
    public void Decode_2019_authentication_without_imei_refuses_truncated_body()
    {
        byte[] body = [6, .. "ok-123"u8];

        var decoded = Jt808Authentication.TryDecode(body, Jt808Version.V2019, out _, out var rejection);

        Assert.False(decoded);
        Assert.Equal("truncated_body", rejection.Code);
    }

    [Fact]
    public void Decode_terminal_general_reply_gives_serial_id_and_result()
    {
        byte[] body = [.. U16(77), .. U16(0x8103), 3];

        Jt808TerminalReply.TryDecode(body, out var reply, out _);

        Assert.Equal(new Jt808TerminalReply(77, 0x8103, 3), reply);
    }

    private static byte[] Padded(string text, int width)
    {
        var bytes = new byte[width];
        Encoding.ASCII.GetBytes(text, bytes);
        return bytes;
    }
}
