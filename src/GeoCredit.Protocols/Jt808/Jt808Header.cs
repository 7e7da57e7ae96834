using System.Buffers.Binary;

namespace GeoCredit.Protocols.Jt808;

/// <summary>Which edition of JT/T 808 a message header follows.</summary>
public enum Jt808Version
{
    /// <summary>JT/T 808-2013 (and 2011): 6-byte BCD terminal number, no protocol version byte.</summary>
    V2013 = 2013,

    /// <summary>JT/T 808-2019: version flag, protocol version byte, 10-byte BCD terminal number.</summary>
    V2019 = 2019,
}

/// <summary>
/// A decoded message header (JT/T 808-2019, 4.4.3). Layout, big-endian:
/// <code>
/// 2013: id u16 | properties u16 | terminal BCD[6]  | serial u16 | [total u16 | index u16]
/// 2019: id u16 | properties u16 | version u8 | terminal BCD[10] | serial u16 | [total u16 | index u16]
/// properties: bit 15 reserved | bit 14 version flag (2019) | bit 13 sub-package | bits 12-10 encryption
///             | bits 9-0 body length
/// </code>
/// A plain value: it can be kept after the frame's buffer is reused, for example to address a reply.
/// </summary>
public readonly record struct Jt808Header
{
    public const int MinLength = 12;
    public const int MaxBodyLength = 0x3FF;

    private const int VersionFlag = 1 << 14;
    private const int SubPackageFlag = 1 << 13;

    public required ushort MessageId { get; init; }

    /// <summary>The raw body properties word.</summary>
    public required ushort Properties { get; init; }

    public required Jt808Version Version { get; init; }

    /// <summary>The protocol version byte of a 2019 header (1 for the first 2019 edition); 0 for 2013.</summary>
    public byte ProtocolVersion { get; init; }

    public required Jt808TerminalNumber Terminal { get; init; }

    /// <summary>The sender's message serial number, which a reply echoes.</summary>
    public required ushort Serial { get; init; }

    /// <summary>Total packages of a sub-packaged message; 0 when the message is not sub-packaged.</summary>
    public ushort PackageTotal { get; init; }

    /// <summary>This package's index, from 1; 0 when the message is not sub-packaged.</summary>
    public ushort PackageIndex { get; init; }

    public int BodyLength => Properties & MaxBodyLength;

    /// <summary>Encryption bits 10-12: 0 for none; bit 10 means RSA.</summary>
    public int Encryption => (Properties >> 10) & 0x7;

    public bool IsSubPackage => (Properties & SubPackageFlag) != 0;

    /// <summary>The header's length on the wire: 12 or 16 bytes (2013), 17 or 21 bytes (2019).</summary>
    public int Length => (Version == Jt808Version.V2019 ? 17 : 12) + (IsSubPackage ? 4 : 0);

    /// <summary>Body properties for a message of this version with the given body length, unencrypted, whole.</summary>
    public static ushort PropertiesFor(Jt808Version version, int bodyLength) =>
        (ushort)((version == Jt808Version.V2019 ? VersionFlag : 0) | (bodyLength & MaxBodyLength));

    /// <summary>Reads a header from the start of <paramref name="source"/> (unescaped bytes).</summary>
    public static Jt808Reason TryRead(ReadOnlySpan<byte> source, out Jt808Header header)
    {
        header = default;
        if (source.Length < MinLength)
        {
            return Jt808Reason.FrameTooShort;
        }

        var properties = BinaryPrimitives.ReadUInt16BigEndian(source[2..]);
        var version = (properties & VersionFlag) != 0 ? Jt808Version.V2019 : Jt808Version.V2013;
        var terminalStart = version == Jt808Version.V2019 ? 5 : 4;
        var terminalLength = version == Jt808Version.V2019 ? 10 : 6;
        var length = terminalStart + terminalLength + 2 + ((properties & SubPackageFlag) != 0 ? 4 : 0);
        if (source.Length < length)
        {
            return Jt808Reason.FrameTooShort;
        }

        if (!Jt808TerminalNumber.TryRead(source.Slice(terminalStart, terminalLength), out var terminal))
        {
            return Jt808Reason.BadBcd;
        }

        var serialAt = terminalStart + terminalLength;
        var subPackaged = (properties & SubPackageFlag) != 0;
        header = new Jt808Header
        {
            MessageId = BinaryPrimitives.ReadUInt16BigEndian(source),
            Properties = properties,
            Version = version,
            ProtocolVersion = version == Jt808Version.V2019 ? source[4] : (byte)0,
            Terminal = terminal,
            Serial = BinaryPrimitives.ReadUInt16BigEndian(source[serialAt..]),
            PackageTotal = subPackaged ? BinaryPrimitives.ReadUInt16BigEndian(source[(serialAt + 2)..]) : (ushort)0,
            PackageIndex = subPackaged ? BinaryPrimitives.ReadUInt16BigEndian(source[(serialAt + 4)..]) : (ushort)0,
        };
        return Jt808Reason.None;
    }

    /// <summary>Writes this header, with <see cref="Properties"/> as given, and returns its length.</summary>
    public int Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, MessageId);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Properties);

        var at = 4;
        if (Version == Jt808Version.V2019)
        {
            destination[at++] = ProtocolVersion;
        }

        // A 2013 header has room for 12 digits and a 2019 header for 20; a number of the other width is refitted.
        var width = Version == Jt808Version.V2019 ? 20 : 12;
        var terminal = Terminal.DigitCount == width ? Terminal : Refit(Terminal, width);
        if (terminal.DigitCount != width)
        {
            throw new ArgumentException(
                $"Terminal number {Terminal} does not fit the {width} digits of a {(int)Version} header.",
                nameof(destination));
        }

        terminal.WriteBcd(destination[at..]);
        at += width / 2;

        BinaryPrimitives.WriteUInt16BigEndian(destination[at..], Serial);
        at += 2;

        if (IsSubPackage)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[at..], PackageTotal);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(at + 2)..], PackageIndex);
            at += 4;
        }

        return at;
    }

    private static Jt808TerminalNumber Refit(Jt808TerminalNumber terminal, int width)
    {
        Span<char> digits = stackalloc char[Jt808TerminalNumber.MaxDigits];
        terminal.TryFormat(digits, out var written, "T");
        return Jt808TerminalNumber.TryParse(digits[..written], width, out var refitted) ? refitted : default;
    }
}
