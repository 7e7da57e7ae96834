using System.Globalization;
using System.Text;
using GeoCredit.Protocols.Ais;
using Microsoft.Extensions.Time.Testing;

namespace GeoCredit.Protocols.Tests.Ais;

/// <summary>
/// Builds sentences for tests that need a value no published sample has: a payload is written field by field
/// from the bit layout of ITU-R M.1371-5, armoured, wrapped and given its checksum, so the expected values are
/// exactly the ones written in.
/// </summary>
internal static class AisSentences
{
    public static readonly DateTimeOffset Start = new(2025, 5, 1, 12, 0, 0, TimeSpan.Zero);

    public static AisDecoder NewDecoder(out FakeTimeProvider clock, AisDecoderOptions? options = null)
    {
        clock = new FakeTimeProvider(Start);
        return new AisDecoder(clock, options ?? new AisDecoderOptions());
    }

    /// <summary>The XOR of the characters, as two upper-case hexadecimal digits.</summary>
    public static string Checksum(string characters)
    {
        var sum = 0;
        foreach (var c in characters)
        {
            sum ^= c;
        }

        return sum.ToString("X2", CultureInfo.InvariantCulture);
    }

    /// <summary><c>!</c> + body + <c>*hh</c>.</summary>
    public static string Sentence(string body) => $"!{body}*{Checksum(body)}";

    /// <summary>A single-sentence <c>!AIVDM</c> for the payload.</summary>
    public static string Vdm(string payload, int fillBits = 0, char channel = 'A') =>
        Sentence($"AIVDM,1,1,,{channel},{payload},{fillBits}");

    /// <summary><c>\fields*hh\</c>.</summary>
    public static string TagBlock(string fields) => $"\\{fields}*{Checksum(fields)}\\";

    public static AisOutcome DecodeAll(this AisDecoder decoder, params string[] lines)
    {
        var outcome = default(AisOutcome);
        foreach (var line in lines)
        {
            outcome = decoder.Decode(line);
        }

        return outcome;
    }

    public static AisMessage DecodeMessage(this AisDecoder decoder, params string[] lines)
    {
        var outcome = decoder.DecodeAll(lines);
        Assert.True(outcome.IsMessage, $"Expected a message, got {outcome.Kind}: {outcome.Rejection?.Message}");
        return outcome.Message;
    }

    public static AisRejection DecodeRejection(this AisDecoder decoder, params string[] lines)
    {
        var outcome = decoder.DecodeAll(lines);
        Assert.True(outcome.IsRejected, $"Expected a rejection, got {outcome.Kind}");
        return outcome.Rejection;
    }

    public static List<AisDroppedMessage> TakeAllDropped(this AisDecoder decoder)
    {
        var dropped = new List<AisDroppedMessage>();
        while (decoder.TryTakeDropped(out var message))
        {
            dropped.Add(message);
        }

        return dropped;
    }
}

/// <summary>Writes a payload bit by bit, most significant first, and armours it (IEC 61162-1 six-bit).</summary>
internal sealed class PayloadBuilder
{
    private readonly StringBuilder _bits = new();

    public int Length => _bits.Length;

    public PayloadBuilder Unsigned(long value, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            _bits.Append(((value >> i) & 1) == 1 ? '1' : '0');
        }

        return this;
    }

    /// <summary>Two's complement, as M.1371 sends signed fields.</summary>
    public PayloadBuilder Signed(long value, int count) => Unsigned(value & ((1L << count) - 1), count);

    public PayloadBuilder Flag(bool value) => Unsigned(value ? 1 : 0, 1);

    /// <summary>Six-bit ASCII, padded with <c>@</c> to the field's length.</summary>
    public PayloadBuilder Text(string text, int characters)
    {
        for (var i = 0; i < characters; i++)
        {
            var c = i < text.Length ? text[i] : '@';
            Unsigned(c >= 64 ? c - 64 : c, 6);
        }

        return this;
    }

    public (string Payload, int FillBits) Armour()
    {
        var fill = (6 - _bits.Length % 6) % 6;
        var bits = _bits.ToString() + new string('0', fill);
        var payload = new StringBuilder();
        for (var i = 0; i < bits.Length; i += 6)
        {
            var value = Convert.ToInt32(bits.Substring(i, 6), 2);
            payload.Append((char)(value < 40 ? value + 48 : value + 56));
        }

        return (payload.ToString(), fill);
    }

    public string Vdm(char channel = 'A')
    {
        var (payload, fill) = Armour();
        return AisSentences.Vdm(payload, fill, channel);
    }

    /// <summary>
    /// A class A position report (message 1, ITU-R M.1371-5, Annex 8, §3.1) with the given raw field values;
    /// the defaults are a plain report at 54.5° N 10.25° E.
    /// </summary>
    public static PayloadBuilder ClassA(
        int type = 1,
        int mmsi = 211_000_001,
        int status = 0,
        int rot = 0,
        int speed = 123,
        bool accuracy = true,
        int longitude = 6_150_000,
        int latitude = 32_700_000,
        int course = 1800,
        int heading = 181,
        int second = 30) =>
        new PayloadBuilder()
            .Unsigned(type, 6).Unsigned(0, 2).Unsigned(mmsi, 30).Unsigned(status, 4).Signed(rot, 8)
            .Unsigned(speed, 10).Flag(accuracy).Signed(longitude, 28).Signed(latitude, 27).Unsigned(course, 12)
            .Unsigned(heading, 9).Unsigned(second, 6).Unsigned(0, 2).Unsigned(0, 3).Flag(false).Unsigned(0, 19);

    /// <summary>A static and voyage report (message 5, ITU-R M.1371-5, Annex 8, §3.3), 424 bits.</summary>
    public static PayloadBuilder StaticAndVoyage(
        string callSign,
        string name,
        string destination,
        int imo = 0,
        int shipType = 0,
        (int Bow, int Stern, int Port, int Starboard) dimensions = default,
        (int Month, int Day, int Hour, int Minute) eta = default,
        int draught = 0) =>
        new PayloadBuilder()
            .Unsigned(5, 6).Unsigned(0, 2).Unsigned(211_000_002, 30).Unsigned(0, 2).Unsigned(imo, 30)
            .Text(callSign, 7).Text(name, 20).Unsigned(shipType, 8)
            .Unsigned(dimensions.Bow, 9).Unsigned(dimensions.Stern, 9)
            .Unsigned(dimensions.Port, 6).Unsigned(dimensions.Starboard, 6).Unsigned(1, 4)
            .Unsigned(eta.Month, 4).Unsigned(eta.Day, 5).Unsigned(eta.Hour, 5).Unsigned(eta.Minute, 6)
            .Unsigned(draught, 8).Text(destination, 20).Unsigned(0, 1).Unsigned(0, 1);
}
