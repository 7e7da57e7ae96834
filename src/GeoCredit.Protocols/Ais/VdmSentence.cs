using System.Globalization;

namespace GeoCredit.Protocols.Ais;

/// <summary>
/// One <c>!xxVDM</c> or <c>!xxVDO</c> sentence (IEC 61162-1, VDM/VDO), optionally preceded by an NMEA 4.10 tag
/// block, read in place from the line's bytes.
/// </summary>
internal ref struct VdmSentence
{
    /// <summary>The longest line accepted. IEC 61162-1 allows 82 characters; feeds with tag blocks and long
    /// single-sentence payloads go well past that, so the bound is generous and only keeps buffers small.</summary>
    public const int MaxLineLength = 1024;

    /// <summary>The longest source station name kept from a tag block.</summary>
    private const int MaxStationLength = 64;

    /// <summary>Milliseconds in the tag block time have 13 digits; fewer are seconds (NMEA 4.10, "c:").</summary>
    private const int MillisecondDigits = 13;

    /// <summary>The largest Unix time in seconds that <see cref="DateTimeOffset"/> can hold.</summary>
    private const long MaxUnixSeconds = 253_402_300_799;

    public int FragmentCount;

    public int FragmentNumber;

    /// <summary>The sequential message identifier, <c>0</c> to <c>9</c>, or 0 when the field is empty.</summary>
    public byte SequenceId;

    /// <summary>The channel character, or 0 when the field is empty.</summary>
    public byte Channel;

    public bool IsOwnShip;

    public ReadOnlySpan<byte> Payload;

    public int FillBits;

    /// <summary>The tag block's <c>s:</c> source station, empty when there is none.</summary>
    public ReadOnlySpan<byte> Station;

    public DateTimeOffset? StationTime;

    /// <summary>Reads a line that has already been trimmed of surrounding white space.</summary>
    /// <returns>Null when the line is a sentence; otherwise why it is not.</returns>
    public static AisRejection? TryRead(ReadOnlySpan<byte> line, out VdmSentence sentence)
    {
        sentence = default;

        if (line.Length > MaxLineLength)
        {
            return AisRejections.LineTooLong(line.Length);
        }

        if (line.IsEmpty || line[0] is not ((byte)'!' or (byte)'\\'))
        {
            return AisRejections.NotAivdm;
        }

        if (line.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) >= 0)
        {
            return AisRejections.NotPrintable;
        }

        var sentenceStart = 0;
        if (line[0] == '\\')
        {
            var tagRejection = ReadTagBlock(line, ref sentence, out sentenceStart);
            if (tagRejection is not null)
            {
                return tagRejection;
            }
        }

        return ReadSentence(line[sentenceStart..], ref sentence);
    }

    /// <summary>
    /// Reads <c>\field,field*hh\</c> from the front of the line and leaves the sentence after it. The checksum
    /// covers the characters between the opening backslash and the asterisk (NMEA 4.10 tag blocks).
    /// </summary>
    private static AisRejection? ReadTagBlock(ReadOnlySpan<byte> line, ref VdmSentence sentence, out int sentenceStart)
    {
        sentenceStart = 0;
        var close = line[1..].IndexOf((byte)'\\');
        if (close < 0)
        {
            return AisRejections.TagBlockNotClosed;
        }

        var block = line.Slice(1, close);
        sentenceStart = close + 2;

        var star = block.LastIndexOf((byte)'*');
        if (star < 0 || star != block.Length - 3 || !TryReadHexByte(block[(star + 1)..], out var expected))
        {
            return AisRejections.TagBlockWithoutChecksum;
        }

        var fields = block[..star];
        var actual = Xor(fields);
        if (actual != expected)
        {
            return AisRejections.TagBlockChecksum(expected, actual);
        }

        while (!fields.IsEmpty)
        {
            var comma = fields.IndexOf((byte)',');
            var field = comma < 0 ? fields : fields[..comma];
            fields = comma < 0 ? default : fields[(comma + 1)..];

            var rejection = ReadTagField(field, ref sentence);
            if (rejection is not null)
            {
                return rejection;
            }

            if (comma >= 0 && fields.IsEmpty)
            {
                return AisRejections.TagBlockEmptyField;
            }
        }

        return null;
    }

    private static AisRejection? ReadTagField(ReadOnlySpan<byte> field, ref VdmSentence sentence)
    {
        var colon = field.IndexOf((byte)':');
        if (colon <= 0)
        {
            return field.IsEmpty ? AisRejections.TagBlockEmptyField : AisRejections.TagBlockFieldWithoutName;
        }

        var value = field[(colon + 1)..];
        if (colon != 1)
        {
            // NMEA 4.10 names are one letter; longer vendor names are passed over, not refused.
            return null;
        }

        switch (field[0])
        {
            case (byte)'s':
                if (value.IsEmpty || value.Length > MaxStationLength)
                {
                    return AisRejections.TagBlockBadStation;
                }

                sentence.Station = value;
                return null;

            case (byte)'c':
                if (!TryReadUnixTime(value, out var time))
                {
                    return AisRejections.TagBlockBadTime;
                }

                sentence.StationTime = time;
                return null;

            default:
                return null;
        }
    }

    private static bool TryReadUnixTime(ReadOnlySpan<byte> digits, out DateTimeOffset time)
    {
        time = default;
        if (digits.IsEmpty || digits.Length > MillisecondDigits
            || digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
        {
            return false;
        }

        long value = 0;
        foreach (var digit in digits)
        {
            value = value * 10 + (digit - '0');
        }

        var seconds = digits.Length == MillisecondDigits ? value / 1000 : value;
        if (seconds > MaxUnixSeconds)
        {
            return false;
        }

        time = digits.Length == MillisecondDigits
            ? DateTimeOffset.FromUnixTimeMilliseconds(value)
            : DateTimeOffset.FromUnixTimeSeconds(value);
        return true;
    }

    /// <summary>
    /// Reads <c>!ccVDM,count,number,sequence,channel,payload,fill*hh</c>. The checksum is the XOR of every
    /// character between <c>!</c> and <c>*</c> (IEC 61162-1, sentence checksum); anything after the checksum
    /// that starts with a comma (the USCG receiver metadata seen in some archives) is ignored.
    /// </summary>
    private static AisRejection? ReadSentence(ReadOnlySpan<byte> line, ref VdmSentence sentence)
    {
        // Talkers are two upper-case letters (AI, AB, BS, ...); some base stations use digits.
        var isVdmOrVdo = line.Length >= 7 && line[0] == '!'
            && IsUpperCaseLetterOrDigit(line[1]) && IsUpperCaseLetterOrDigit(line[2])
            && line[3] == 'V' && line[4] == 'D' && line[5] is ((byte)'M' or (byte)'O') && line[6] == ',';
        if (!isVdmOrVdo)
        {
            return AisRejections.NotAivdm;
        }

        sentence.IsOwnShip = line[5] == 'O';

        var star = line.IndexOf((byte)'*');
        if (star < 0)
        {
            return AisRejections.NoChecksum;
        }

        var trailer = line[(star + 1)..];
        var trailerOk = trailer.Length >= 2 && (trailer.Length == 2 || trailer[2] == ',');
        if (!trailerOk || !TryReadHexByte(trailer[..2], out var expected))
        {
            return AisRejections.UnreadableChecksum;
        }

        var actual = Xor(line[1..star]);
        if (actual != expected)
        {
            return AisRejections.Checksum(expected, actual);
        }

        return ReadFields(line[7..star], ref sentence);
    }

    private static AisRejection? ReadFields(ReadOnlySpan<byte> fields, ref VdmSentence sentence)
    {
        // Seven fields in all: the address field is already read, six are left (IEC 61162-1, VDM).
        Span<Range> parts = stackalloc Range[6];
        var count = 0;
        var start = 0;
        for (var i = 0; i <= fields.Length; i++)
        {
            if (i < fields.Length && fields[i] != ',')
            {
                continue;
            }

            if (count < parts.Length)
            {
                parts[count] = start..i;
            }

            count++;
            start = i + 1;
        }

        if (count != parts.Length)
        {
            return AisRejections.FieldCount(count + 1);
        }

        var countField = fields[parts[0]];
        var numberField = fields[parts[1]];
        if (!TryReadDigit(countField, out var fragmentCount) || fragmentCount == 0)
        {
            return AisRejections.BadFragmentCount;
        }

        if (!TryReadDigit(numberField, out var fragmentNumber) || fragmentNumber == 0 || fragmentNumber > fragmentCount)
        {
            return AisRejections.BadFragmentNumber;
        }

        var sequence = fields[parts[2]];
        if (sequence.Length > 1 || (sequence.Length == 1 && sequence[0] is < (byte)'0' or > (byte)'9'))
        {
            return AisRejections.BadSequenceId;
        }

        // A and B are the AIS channels; receivers also write 1 and 2, and long-range ones other letters.
        var channel = fields[parts[3]];
        if (channel.Length > 1 || (channel.Length == 1 && !IsUpperCaseLetterOrDigit(channel[0])))
        {
            return AisRejections.BadChannel;
        }

        var payload = fields[parts[4]];
        if (payload.Length > SixBitPayload.MaxCharacters)
        {
            return AisRejections.PayloadTooLong(payload.Length);
        }

        var invalid = SixBitPayload.IndexOfInvalid(payload);
        if (invalid >= 0)
        {
            return AisRejections.BadPayloadCharacter((char)payload[invalid], invalid);
        }

        if (!TryReadDigit(fields[parts[5]], out var fillBits) || fillBits > 5 || fillBits > payload.Length * 6)
        {
            return AisRejections.BadFillBits;
        }

        sentence.FragmentCount = fragmentCount;
        sentence.FragmentNumber = fragmentNumber;
        sentence.SequenceId = sequence.IsEmpty ? (byte)0 : sequence[0];
        sentence.Channel = channel.IsEmpty ? (byte)0 : channel[0];
        sentence.Payload = payload;
        sentence.FillBits = fillBits;
        return null;
    }

    private static bool IsUpperCaseLetterOrDigit(byte c) =>
        c is >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9';

    private static bool TryReadDigit(ReadOnlySpan<byte> field, out int value)
    {
        value = 0;
        if (field.Length != 1 || field[0] is < (byte)'0' or > (byte)'9')
        {
            return false;
        }

        value = field[0] - '0';
        return true;
    }

    private static bool TryReadHexByte(ReadOnlySpan<byte> hex, out byte value)
    {
        value = 0;
        return hex.Length == 2
            && byte.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }

    private static byte Xor(ReadOnlySpan<byte> characters)
    {
        byte sum = 0;
        foreach (var c in characters)
        {
            sum ^= c;
        }

        return sum;
    }
}
