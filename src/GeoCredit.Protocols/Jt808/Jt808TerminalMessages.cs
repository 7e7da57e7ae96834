using System.Buffers.Binary;

namespace GeoCredit.Protocols.Jt808;

/// <summary>
/// Terminal general reply, message 0x0001 (JT/T 808-2013, 8.1): the terminal's answer to a platform message.
/// </summary>
/// <param name="ReplySerial">The serial of the platform message answered.</param>
/// <param name="ReplyMessageId">The id of the platform message answered.</param>
/// <param name="Result">0 success, 1 failure, 2 message error, 3 unsupported.</param>
public readonly record struct Jt808TerminalReply(ushort ReplySerial, ushort ReplyMessageId, byte Result)
{
    public const int Length = 5;

    public static bool TryDecode(ReadOnlySpan<byte> body, out Jt808TerminalReply reply, out Jt808Rejection rejection)
    {
        reply = default;
        if (body.Length < Length)
        {
            rejection = Jt808Rejection.Of(Jt808Reason.TruncatedBody);
            return false;
        }

        reply = new Jt808TerminalReply(
            BinaryPrimitives.ReadUInt16BigEndian(body),
            BinaryPrimitives.ReadUInt16BigEndian(body[2..]),
            body[4]);
        rejection = default;
        return true;
    }
}

/// <summary>
/// Terminal registration, message 0x0100 (JT/T 808-2013, 8.5; JT/T 808-2019, 8.8). Text fields are GBK with the
/// 0x00 padding removed.
/// </summary>
/// <remarks>
/// Field widths: manufacturer 5 bytes (2013) or 11 (2019), model 20 or 30, terminal id 7 or 30. A 2011 terminal
/// (model 8 bytes) speaks a 2013 header and cannot be told apart by the header alone; it is not supported.
/// </remarks>
/// <param name="ProvinceId">Province of the vehicle's registration (GB/T 2260 administrative division).</param>
/// <param name="CityId">City or county of the vehicle's registration (GB/T 2260).</param>
/// <param name="ManufacturerId">The terminal maker's code.</param>
/// <param name="TerminalModel">The maker's model name.</param>
/// <param name="TerminalId">The maker's id of this terminal.</param>
/// <param name="PlateColour">Plate colour per JT/T 415; 0 when the vehicle has no plate.</param>
/// <param name="Plate">The licence plate, or the VIN when <paramref name="PlateColour"/> is 0.</param>
public sealed record Jt808Registration(
    ushort ProvinceId,
    ushort CityId,
    string ManufacturerId,
    string TerminalModel,
    string TerminalId,
    byte PlateColour,
    string Plate)
{
    public static bool TryDecode(
        ReadOnlySpan<byte> body,
        Jt808Version version,
        out Jt808Registration? registration,
        out Jt808Rejection rejection)
    {
        registration = null;
        var (manufacturer, model, id) = version == Jt808Version.V2019 ? (11, 30, 30) : (5, 20, 7);
        var fixedLength = 4 + manufacturer + model + id + 1;
        if (body.Length < fixedLength)
        {
            rejection = new Jt808Rejection(Jt808Reason.TruncatedBody,
                $"A {(int)version} registration needs at least {fixedLength} bytes; the body has {body.Length}.");
            return false;
        }

        var at = 4;
        registration = new Jt808Registration(
            BinaryPrimitives.ReadUInt16BigEndian(body),
            BinaryPrimitives.ReadUInt16BigEndian(body[2..]),
            Jt808Text.Decode(Take(body, ref at, manufacturer)),
            Jt808Text.Decode(Take(body, ref at, model)),
            Jt808Text.Decode(Take(body, ref at, id)),
            body[at],
            Jt808Text.Decode(body[(at + 1)..]));
        rejection = default;
        return true;
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> body, ref int at, int length)
    {
        var field = body.Slice(at, length);
        at += length;
        return field;
    }
}

/// <summary>
/// Terminal authentication, message 0x0102 (JT/T 808-2013, 8.8). In 2013 the whole body is the auth code; in
/// 2019 it is code length u8, code, IMEI BYTE[15], software version BYTE[20].
/// </summary>
/// <param name="AuthCode">The code the platform gave in its registration reply.</param>
/// <param name="Imei">The terminal's IMEI (2019 only).</param>
/// <param name="SoftwareVersion">The terminal's software version (2019 only).</param>
public sealed record Jt808Authentication(string AuthCode, string? Imei, string? SoftwareVersion)
{
    public static bool TryDecode(
        ReadOnlySpan<byte> body,
        Jt808Version version,
        out Jt808Authentication? authentication,
        out Jt808Rejection rejection)
    {
        authentication = null;
        if (version == Jt808Version.V2013)
        {
            authentication = new Jt808Authentication(Jt808Text.Decode(body), null, null);
            rejection = default;
            return true;
        }

        if (body.IsEmpty || body.Length < 1 + body[0] + 15 + 20)
        {
            rejection = Jt808Rejection.Of(Jt808Reason.TruncatedBody);
            return false;
        }

        var code = body.Slice(1, body[0]);
        var rest = body[(1 + body[0])..];
        authentication = new Jt808Authentication(
            Jt808Text.Decode(code),
            Jt808Text.Decode(rest[..15]),
            Jt808Text.Decode(rest.Slice(15, 20)));
        rejection = default;
        return true;
    }
}
