namespace GeoCredit.Protocols.Jt808;

/// <summary>BCD (8421 code) fields as JT/T 808 uses them (JT/T 808-2019, 4.2: data type BCD[n]).</summary>
internal static class Jt808Bcd
{
    /// <summary>The terminal clock's offset: times in the protocol are Beijing time, UTC+8.</summary>
    public static readonly TimeSpan BeijingOffset = TimeSpan.FromHours(8);

    public static bool TryReadByte(byte value, out int number)
    {
        var high = value >> 4;
        var low = value & 0xF;
        number = high * 10 + low;
        return high <= 9 && low <= 9;
    }

    /// <summary>
    /// Reads a BCD[6] time YY-MM-DD-hh-mm-ss in UTC+8 (JT/T 808-2013, 8.18, field "time"). Years are 2000 + YY.
    /// Checks every field before building the value, so an impossible date is a refusal, not an exception.
    /// </summary>
    public static Jt808Reason TryReadTime(ReadOnlySpan<byte> field, out DateTimeOffset time)
    {
        time = default;
        if (!TryReadByte(field[0], out var year) || !TryReadByte(field[1], out var month)
            || !TryReadByte(field[2], out var day) || !TryReadByte(field[3], out var hour)
            || !TryReadByte(field[4], out var minute) || !TryReadByte(field[5], out var second))
        {
            return Jt808Reason.BadBcd;
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(2000 + year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return Jt808Reason.BadTime;
        }

        time = new DateTimeOffset(2000 + year, month, day, hour, minute, second, BeijingOffset);
        return Jt808Reason.None;
    }
}
