namespace GeoCredit.Protocols.Ais;

/// <summary>
/// The six-bit armouring of VDM/VDO payloads (IEC 61162-1, six-bit binary field conversion): each character
/// from <c>0</c> (48) to <c>W</c> (87) and from <c>`</c> (96) to <c>w</c> (119) carries six bits, most
/// significant first.
/// </summary>
internal static class SixBitPayload
{
    /// <summary>The most characters an assembled payload may have: an AIS message is at most five slots (1008
    /// bits, 168 characters), so this leaves room for generous transmitters and still bounds the buffers.</summary>
    public const int MaxCharacters = 512;

    /// <summary>The index of the first character that is not six-bit armouring, or -1 when all are.</summary>
    public static int IndexOfInvalid(ReadOnlySpan<byte> payload)
    {
        for (var i = 0; i < payload.Length; i++)
        {
            var c = payload[i];
            if (c is < 48 or > 119 or > 87 and < 96)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The number of bytes <see cref="Pack"/> writes for a payload of this many characters.</summary>
    public static int PackedLength(int characters) => (characters * 6 + 7) / 8;

    /// <summary>
    /// Removes the armouring: writes the payload's bits into <paramref name="packed"/>, most significant bit
    /// first, and clears the fill bits so that a read past the message's end sees zeros.
    /// </summary>
    /// <returns>The message length in bits.</returns>
    public static int Pack(ReadOnlySpan<byte> payload, int fillBits, Span<byte> packed)
    {
        var accumulator = 0;
        var pending = 0;
        var written = 0;
        foreach (var c in payload)
        {
            var value = c - 48;
            if (value > 40)
            {
                value -= 8;
            }

            accumulator = (accumulator << 6) | value;
            pending += 6;
            if (pending >= 8)
            {
                pending -= 8;
                packed[written++] = (byte)(accumulator >> pending);
                accumulator &= (1 << pending) - 1;
            }
        }

        if (pending > 0)
        {
            packed[written++] = (byte)(accumulator << (8 - pending));
        }

        var length = payload.Length * 6 - fillBits;
        ClearFrom(packed[..written], length);
        return length;
    }

    private static void ClearFrom(Span<byte> packed, int bit)
    {
        var index = bit >> 3;
        if (index >= packed.Length)
        {
            return;
        }

        var kept = bit & 7;
        packed[index] &= (byte)(0xFF << (8 - kept));
        packed[(index + 1)..].Clear();
    }
}

/// <summary>
/// Reads big-endian bit fields out of an unarmoured payload. Bits past the end read as zero, so a caller checks
/// <see cref="Length"/> against the fields a message type needs before it reads them.
/// </summary>
internal readonly ref struct AisBits(ReadOnlySpan<byte> packed, int length)
{
    private readonly ReadOnlySpan<byte> _packed = packed;

    /// <summary>The message length in bits, without fill bits.</summary>
    public int Length { get; } = length;

    /// <summary>An unsigned field of 1 to 32 bits starting at bit <paramref name="start"/>.</summary>
    public uint ReadUnsigned(int start, int count)
    {
        var first = start >> 3;
        var last = (start + count - 1) >> 3;
        ulong window = 0;
        for (var i = first; i <= last; i++)
        {
            window = (window << 8) | (i < _packed.Length ? _packed[i] : 0u);
        }

        var unused = ((last + 1) << 3) - (start + count);
        return (uint)((window >> unused) & ((1UL << count) - 1));
    }

    /// <summary>A two's complement field of 2 to 32 bits (ITU-R M.1371-5 sends signed values this way).</summary>
    public int ReadSigned(int start, int count)
    {
        var shift = 32 - count;
        return (int)(ReadUnsigned(start, count) << shift) >> shift;
    }

    public bool ReadFlag(int start) => ReadUnsigned(start, 1) != 0;

    /// <summary>
    /// Reads up to <paramref name="characters"/> six-bit ASCII characters (ITU-R M.1371-5, Annex 8, 6-bit ASCII
    /// table: 0 to 31 are <c>@</c> to <c>_</c>, 32 to 63 are space to <c>?</c>), stopping at the message's end.
    /// </summary>
    /// <returns>The number of characters written to <paramref name="into"/>.</returns>
    public int ReadCharacters(int start, int characters, Span<char> into)
    {
        var available = Math.Max(0, (Length - start) / 6);
        var count = Math.Min(Math.Min(characters, available), into.Length);
        for (var i = 0; i < count; i++)
        {
            var value = (int)ReadUnsigned(start + 6 * i, 6);
            into[i] = (char)(value < 32 ? value + 64 : value);
        }

        return count;
    }

    /// <summary>A text field without its <c>@</c> padding and trailing spaces; null when nothing is left.</summary>
    public string? ReadText(int start, int characters)
    {
        Span<char> text = stackalloc char[characters];
        var count = ReadCharacters(start, characters, text);
        return Trimmed(text[..count]);
    }

    /// <summary>
    /// Drops trailing <c>@</c> (the padding of ITU-R M.1371-5 text fields) and spaces, as gpsd does; an
    /// <c>@</c> inside the text is kept, since no standard says what it means there.
    /// </summary>
    public static string? Trimmed(ReadOnlySpan<char> text)
    {
        var end = text.Length;
        while (end > 0 && text[end - 1] is '@' or ' ')
        {
            end--;
        }

        return end == 0 ? null : new string(text[..end]);
    }
}
