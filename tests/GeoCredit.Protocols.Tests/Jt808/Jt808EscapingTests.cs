using GeoCredit.Protocols.Jt808;

namespace GeoCredit.Protocols.Tests.Jt808;

public sealed class Jt808EscapingTests
{
    [Fact]
    public void Escape_then_unescape_gives_the_original_bytes()
    {
        var random = new Random(808);
        for (var i = 0; i < 500; i++)
        {
            var original = new byte[random.Next(0, 64)];
            random.NextBytes(original);
            var escaped = new byte[Jt808Escaping.EscapedLength(original)];
            var unescaped = new byte[original.Length];
            var written = 0;
            var pending = false;

            var escapedOk = Jt808Escaping.TryEscape(original, escaped, out var escapedLength);
            var reason = Jt808Escaping.Unescape(escaped, unescaped, ref written, ref pending);

            Assert.True(escapedOk);
            Assert.Equal(escaped.Length, escapedLength);
            Assert.DoesNotContain((byte)0x7e, escaped);
            Assert.Equal(Jt808Reason.None, reason);
            Assert.False(pending);
            Assert.Equal(original, unescaped[..written]);
        }
    }

    [Fact]
    public void Escape_replaces_flag_and_escape_bytes_as_the_standard_says()
    {
        byte[] plain = [0x30, 0x7e, 0x08, 0x7d, 0x55];
        var escaped = new byte[7];

        Jt808Escaping.TryEscape(plain, escaped, out var written);

        Assert.Equal(7, written);
        Assert.Equal(new byte[] { 0x30, 0x7d, 0x02, 0x08, 0x7d, 0x01, 0x55 }, escaped);
    }

    [Fact]
    public void Escape_into_a_short_destination_returns_false()
    {
        Assert.False(Jt808Escaping.TryEscape([0x7e, 0x7e], new byte[3], out _));
    }

    [Fact]
    public void CheckCode_is_the_xor_of_every_byte()
    {
        var frame = Jt808TestFrames.Hex(Jt808TestFrames.Published.Location2019);

        Assert.Equal(0x41, Jt808Escaping.CheckCode(frame.AsSpan(1..^2)));
    }
}
