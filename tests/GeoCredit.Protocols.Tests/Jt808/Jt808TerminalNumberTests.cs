using GeoCredit.Protocols.Jt808;

namespace GeoCredit.Protocols.Tests.Jt808;

public sealed class Jt808TerminalNumberTests
{
    [Fact]
    public void TerminalNumber_keeps_every_digit_and_trims_on_request()
    {
        Jt808TerminalNumber.TryRead([0x00, 0x00, 0x00, 0x00, 0x01, 0x39, 0x12, 0x34, 0x43, 0x29], out var number);

        Assert.Equal(20, number.DigitCount);
        Assert.Equal("00000000013912344329", number.ToString());
        Assert.Equal("13912344329", number.ToTrimmedString());
        Assert.Equal("13912344329", $"{number:T}");
        Assert.Equal((UInt128)13912344329, number.Numeric);
    }

    [Fact]
    public void TerminalNumber_of_2013_and_2019_headers_differ_but_share_the_numeric_value()
    {
        var short12 = Jt808TerminalNumber.Parse("013912344329");
        Jt808TerminalNumber.TryParse("13912344329", 20, out var long20);

        Assert.NotEqual(short12, long20);
        Assert.Equal(short12.Numeric, long20.Numeric);
        Assert.Equal(short12.ToTrimmedString(), long20.ToTrimmedString());
    }

    [Fact]
    public void TerminalNumber_of_only_zeros_trims_to_one_zero()
    {
        Assert.Equal("0", Jt808TerminalNumber.Parse("000000000000").ToTrimmedString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345678901234567890123")]
    [InlineData("1391234432x")]
    public void TerminalNumber_parse_refuses_what_is_not_a_number(string text)
    {
        Assert.False(Jt808TerminalNumber.TryParse(text, out _));
    }

    [Fact]
    public void TerminalNumber_write_bcd_gives_the_bytes_read()
    {
        byte[] bcd = [0x01, 0x39, 0x12, 0x34, 0x43, 0x23];
        Jt808TerminalNumber.TryRead(bcd, out var number);
        var written = new byte[6];

        number.WriteBcd(written);

        Assert.Equal(bcd, written);
    }
}
