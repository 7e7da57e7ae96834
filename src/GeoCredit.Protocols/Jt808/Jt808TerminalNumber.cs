using System.Diagnostics.CodeAnalysis;

namespace GeoCredit.Protocols.Jt808;

/// <summary>
/// The terminal number ("terminal phone number") of a JT/T 808 message header: 12 BCD digits in a 2013 header,
/// 20 in a 2019 header (JT/T 808-2019, 4.4.3). A value type so that decoding a frame allocates nothing; the
/// digits become a string only when asked.
/// </summary>
/// <remarks>
/// <para>
/// The number keeps every digit of the frame, leading zeros included, and its width: 013912344323 (2013) and
/// 00000000013912344323 (2019) are different values, because they came from different headers. Where a
/// terminal must be recognised whatever header it speaks, compare <see cref="ToTrimmedString"/> or
/// <see cref="Numeric"/>, which drop the leading zeros.
/// </para>
/// <para>Formatting: <c>ToString()</c> and format "" give all digits; format "T" gives the trimmed digits.</para>
/// </remarks>
public readonly struct Jt808TerminalNumber : IEquatable<Jt808TerminalNumber>, ISpanFormattable
{
    public const int MaxDigits = 20;

    // Packed BCD, right-aligned: the last byte of the field is the low byte of the value.
    private readonly UInt128 _bcd;
    private readonly byte _digits;

    private Jt808TerminalNumber(UInt128 bcd, int digits)
    {
        _bcd = bcd;
        _digits = (byte)digits;
    }

    /// <summary>12 for a 2013 header, 20 for a 2019 header, 0 for the default value.</summary>
    public int DigitCount => _digits;

    /// <summary>The number as an integer, without leading zeros: equal for the 2013 and 2019 forms.</summary>
    public UInt128 Numeric
    {
        get
        {
            UInt128 value = 0;
            for (var shift = (_digits - 1) * 4; shift >= 0; shift -= 4)
            {
                value = value * 10 + (uint)((_bcd >> shift) & 0xF);
            }

            return value;
        }
    }

    /// <summary>Reads a BCD field; false when a nibble is not a decimal digit.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bcd, out Jt808TerminalNumber number)
    {
        number = default;
        if (bcd.Length == 0 || bcd.Length * 2 > MaxDigits)
        {
            return false;
        }

        UInt128 packed = 0;
        foreach (var b in bcd)
        {
            if ((b >> 4) > 9 || (b & 0xF) > 9)
            {
                return false;
            }

            packed = (packed << 8) | b;
        }

        number = new Jt808TerminalNumber(packed, bcd.Length * 2);
        return true;
    }

    /// <summary>
    /// Parses digits as a terminal would send them: up to 12 digits make a 2013 number, 13 to 20 a 2019 number,
    /// padded with leading zeros to the field width.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> digits, out Jt808TerminalNumber number) =>
        TryParse(digits, digits.Length <= 12 ? 12 : MaxDigits, out number);

    /// <summary>Parses digits into a field of <paramref name="width"/> digits (12 or 20), padded with zeros.</summary>
    public static bool TryParse(ReadOnlySpan<char> digits, int width, out Jt808TerminalNumber number)
    {
        number = default;
        if (width is not (12 or MaxDigits) || digits.Length == 0 || digits.Length > width)
        {
            return false;
        }

        UInt128 packed = 0;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            packed = (packed << 4) | (uint)(c - '0');
        }

        number = new Jt808TerminalNumber(packed, width);
        return true;
    }

    public static Jt808TerminalNumber Parse(string digits) =>
        TryParse(digits, out var number) ? number : throw new FormatException($"'{digits}' is not a terminal number.");

    /// <summary>Writes the number as <see cref="DigitCount"/>/2 BCD bytes.</summary>
    public void WriteBcd(Span<byte> destination)
    {
        var length = _digits / 2;
        for (var i = 0; i < length; i++)
        {
            destination[i] = (byte)(_bcd >> ((length - 1 - i) * 8));
        }
    }

    /// <summary>All digits, leading zeros included, as in the frame.</summary>
    public override string ToString() =>
        string.Create(_digits, this, static (chars, number) => number.FormatAll(chars));

    /// <summary>The digits without leading zeros ("0" when every digit is zero).</summary>
    public string ToTrimmedString()
    {
        Span<char> chars = stackalloc char[MaxDigits];
        FormatAll(chars[.._digits]);
        return Trim(chars[.._digits]).ToString();
    }

    public string ToString(string? format, IFormatProvider? formatProvider) =>
        format is "T" ? ToTrimmedString() : ToString();

    public bool TryFormat(
        Span<char> destination,
        out int charsWritten,
        ReadOnlySpan<char> format = default,
        IFormatProvider? provider = null)
    {
        Span<char> chars = stackalloc char[MaxDigits];
        FormatAll(chars[.._digits]);
        var text = format is "T" ? Trim(chars[.._digits]) : chars[.._digits];

        charsWritten = text.TryCopyTo(destination) ? text.Length : 0;
        return text.Length <= destination.Length;
    }

    public bool Equals(Jt808TerminalNumber other) => _bcd == other._bcd && _digits == other._digits;

    public override bool Equals([NotNullWhen(true)] object? obj) => obj is Jt808TerminalNumber other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_bcd, _digits);

    public static bool operator ==(Jt808TerminalNumber left, Jt808TerminalNumber right) => left.Equals(right);

    public static bool operator !=(Jt808TerminalNumber left, Jt808TerminalNumber right) => !left.Equals(right);

    private void FormatAll(Span<char> chars)
    {
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)('0' + (int)((_bcd >> ((chars.Length - 1 - i) * 4)) & 0xF));
        }
    }

    private static ReadOnlySpan<char> Trim(ReadOnlySpan<char> digits)
    {
        var trimmed = digits.TrimStart('0');
        return trimmed.IsEmpty && !digits.IsEmpty ? digits[^1..] : trimmed;
    }
}
