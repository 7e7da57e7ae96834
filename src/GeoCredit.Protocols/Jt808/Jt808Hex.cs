namespace GeoCredit.Protocols.Jt808;

/// <summary>Hexadecimal text of frames, as operators paste them from terminal logs: whitespace is ignored.</summary>
public static class Jt808Hex
{
    /// <summary>Parses hex digits (any case, whitespace anywhere); false on other characters or odd counts.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, Span<byte> destination, out int written)
    {
        written = 0;
        var high = -1;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            var nibble = HexValue(c);
            if (nibble < 0)
            {
                return false;
            }

            if (high < 0)
            {
                high = nibble;
                continue;
            }

            if (written == destination.Length)
            {
                return false;
            }

            destination[written++] = (byte)((high << 4) | nibble);
            high = -1;
        }

        return high < 0;
    }

    /// <summary>Parses a whole line into a new array; null when it is not hex.</summary>
    public static byte[]? Parse(ReadOnlySpan<char> text)
    {
        var bytes = new byte[text.Length / 2];
        return TryParse(text, bytes, out var written) ? bytes[..written] : null;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
