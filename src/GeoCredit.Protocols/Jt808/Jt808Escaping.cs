namespace GeoCredit.Protocols.Jt808;

/// <summary>
/// The flag byte, escaping and check code of JT/T 808 frames. A frame is 0x7e, then the escaped header, body and
/// check code, then 0x7e. Inside, 0x7e is sent as 0x7d 0x02 and 0x7d as 0x7d 0x01 (JT/T 808-2019, 4.4.2); the
/// check code is the XOR of every header and body byte, computed before escaping (JT/T 808-2019, 4.4.4).
/// </summary>
public static class Jt808Escaping
{
    public const byte Flag = 0x7e;
    public const byte Escape = 0x7d;

    /// <summary>XOR of all bytes.</summary>
    public static byte CheckCode(ReadOnlySpan<byte> headerAndBody)
    {
        byte check = 0;
        foreach (var b in headerAndBody)
        {
            check ^= b;
        }

        return check;
    }

    /// <summary>How many bytes <paramref name="unescaped"/> takes once escaped (without the flags).</summary>
    public static int EscapedLength(ReadOnlySpan<byte> unescaped) =>
        unescaped.Length + unescaped.Count(Flag) + unescaped.Count(Escape);

    /// <summary>Escapes <paramref name="source"/> into <paramref name="destination"/>; false if short.</summary>
    public static bool TryEscape(ReadOnlySpan<byte> source, Span<byte> destination, out int written)
    {
        written = 0;
        while (!source.IsEmpty)
        {
            var special = source.IndexOfAny(Flag, Escape);
            var plain = special < 0 ? source : source[..special];
            if (!plain.TryCopyTo(destination[written..]))
            {
                return false;
            }

            written += plain.Length;
            if (special < 0)
            {
                return true;
            }

            if (destination.Length - written < 2)
            {
                return false;
            }

            destination[written++] = Escape;
            destination[written++] = source[special] == Flag ? (byte)0x02 : (byte)0x01;
            source = source[(special + 1)..];
        }

        return true;
    }

    /// <summary>
    /// Unescapes one piece of a frame's content, carrying an escape byte that ended the previous piece in
    /// <paramref name="pendingEscape"/>, so that content split across buffer segments unescapes as one.
    /// </summary>
    /// <returns><see cref="Jt808Reason.None"/>, <see cref="Jt808Reason.BadEscape"/> or
    /// <see cref="Jt808Reason.FrameTooLong"/> when the output does not fit <paramref name="destination"/>.</returns>
    public static Jt808Reason Unescape(
        ReadOnlySpan<byte> source,
        Span<byte> destination,
        ref int written,
        ref bool pendingEscape)
    {
        if (pendingEscape && !source.IsEmpty)
        {
            if (!TryPutEscaped(source[0], destination, ref written, out var reason))
            {
                return reason;
            }

            pendingEscape = false;
            source = source[1..];
        }

        while (!source.IsEmpty)
        {
            var escape = source.IndexOf(Escape);
            var plain = escape < 0 ? source : source[..escape];
            if (!plain.TryCopyTo(destination[written..]))
            {
                return Jt808Reason.FrameTooLong;
            }

            written += plain.Length;
            if (escape < 0)
            {
                break;
            }

            if (escape == source.Length - 1)
            {
                pendingEscape = true;
                break;
            }

            if (!TryPutEscaped(source[escape + 1], destination, ref written, out var reason))
            {
                return reason;
            }

            source = source[(escape + 2)..];
        }

        return Jt808Reason.None;
    }

    private static bool TryPutEscaped(byte code, Span<byte> destination, ref int written, out Jt808Reason reason)
    {
        reason = code switch
        {
            0x01 or 0x02 => written < destination.Length ? Jt808Reason.None : Jt808Reason.FrameTooLong,
            _ => Jt808Reason.BadEscape,
        };
        if (reason != Jt808Reason.None)
        {
            return false;
        }

        destination[written++] = code == 0x02 ? Flag : Escape;
        return true;
    }
}
