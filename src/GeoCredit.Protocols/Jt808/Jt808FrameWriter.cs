using System.Buffers;
using System.Buffers.Binary;

namespace GeoCredit.Protocols.Jt808;

/// <summary>The result byte of a platform general reply, message 0x8001 (JT/T 808-2013, 8.2).</summary>
public enum Jt808ReplyResult : byte
{
    Success = 0,
    Failure = 1,
    MessageError = 2,
    Unsupported = 3,
    AlarmConfirmed = 4,
}

/// <summary>The result byte of a registration reply, message 0x8100 (JT/T 808-2013, 8.6).</summary>
public enum Jt808RegistrationResult : byte
{
    Success = 0,
    VehicleAlreadyRegistered = 1,
    NoSuchVehicle = 2,
    TerminalAlreadyRegistered = 3,
    NoSuchTerminal = 4,
}

/// <summary>
/// Writes complete platform frames: header, body, check code, escaping and both flags (JT/T 808-2019, 4.4).
/// A reply is addressed by the header of the terminal's message, whose version, protocol version and terminal
/// number it copies, so a 2019 terminal gets a 2019 header. The platform serial is the caller's, one counter
/// per connection. Throws only on programming errors (a body over 1023 bytes, a destination too small for the
/// buffer-writer overloads); the <c>Try</c> overloads return false when the destination is too small.
/// </summary>
public static class Jt808FrameWriter
{
    /// <summary>The longest frame this writer produces: every byte escaped, plus two flags.</summary>
    public const int MaxFrameLength = 2 + 2 * (21 + Jt808Header.MaxBodyLength + 1);

    private const int MaxPlainLength = 21 + Jt808Header.MaxBodyLength + 1;

    public static bool TryWrite(
        Span<byte> destination,
        ushort messageId,
        in Jt808Header addressee,
        ushort serial,
        ReadOnlySpan<byte> body,
        out int written)
    {
        Span<byte> plain = stackalloc byte[MaxPlainLength];
        var length = Compose(plain, messageId, addressee, serial, body);
        return TryFrame(plain[..length], destination, out written);
    }

    /// <summary>Writes a frame into <paramref name="output"/> and returns its length.</summary>
    public static int Write(
        IBufferWriter<byte> output,
        ushort messageId,
        in Jt808Header addressee,
        ushort serial,
        ReadOnlySpan<byte> body)
    {
        Span<byte> plain = stackalloc byte[MaxPlainLength];
        var length = Compose(plain, messageId, addressee, serial, body);

        var span = output.GetSpan(2 + Jt808Escaping.EscapedLength(plain[..length]));
        if (!TryFrame(plain[..length], span, out var written))
        {
            throw new InvalidOperationException("The buffer writer returned less space than it was asked for.");
        }

        output.Advance(written);
        return written;
    }

    /// <summary>Platform general reply 0x8001: reply serial u16, reply message id u16, result u8.</summary>
    public static bool TryWritePlatformReply(
        Span<byte> destination,
        in Jt808Header request,
        ushort platformSerial,
        Jt808ReplyResult result,
        out int written)
    {
        Span<byte> body = stackalloc byte[5];
        PlatformReplyBody(body, request, result);
        return TryWrite(destination, Jt808MessageIds.PlatformGeneralReply, request, platformSerial, body, out written);
    }

    public static int WritePlatformReply(
        IBufferWriter<byte> output,
        in Jt808Header request,
        ushort platformSerial,
        Jt808ReplyResult result)
    {
        Span<byte> body = stackalloc byte[5];
        PlatformReplyBody(body, request, result);
        return Write(output, Jt808MessageIds.PlatformGeneralReply, request, platformSerial, body);
    }

    /// <summary>
    /// Registration reply 0x8100: reply serial u16, result u8, then the auth code (GBK) only on success.
    /// </summary>
    public static bool TryWriteRegistrationReply(
        Span<byte> destination,
        in Jt808Header request,
        ushort platformSerial,
        Jt808RegistrationResult result,
        string? authCode,
        out int written)
    {
        Span<byte> body = stackalloc byte[Jt808Header.MaxBodyLength];
        var length = RegistrationReplyBody(body, request, result, authCode);
        return TryWrite(destination, Jt808MessageIds.RegistrationReply, request, platformSerial, body[..length],
            out written);
    }

    public static int WriteRegistrationReply(
        IBufferWriter<byte> output,
        in Jt808Header request,
        ushort platformSerial,
        Jt808RegistrationResult result,
        string? authCode)
    {
        Span<byte> body = stackalloc byte[Jt808Header.MaxBodyLength];
        var length = RegistrationReplyBody(body, request, result, authCode);
        return Write(output, Jt808MessageIds.RegistrationReply, request, platformSerial, body[..length]);
    }

    private static void PlatformReplyBody(Span<byte> body, in Jt808Header request, Jt808ReplyResult result)
    {
        BinaryPrimitives.WriteUInt16BigEndian(body, request.Serial);
        BinaryPrimitives.WriteUInt16BigEndian(body[2..], request.MessageId);
        body[4] = (byte)result;
    }

    private static int RegistrationReplyBody(
        Span<byte> body,
        in Jt808Header request,
        Jt808RegistrationResult result,
        string? authCode)
    {
        BinaryPrimitives.WriteUInt16BigEndian(body, request.Serial);
        body[2] = (byte)result;
        if (result != Jt808RegistrationResult.Success || string.IsNullOrEmpty(authCode))
        {
            return 3;
        }

        if (Jt808Text.GetByteCount(authCode) > body.Length - 3)
        {
            throw new ArgumentException(
                $"The auth code is longer than the {body.Length - 3} bytes a reply body has room for.",
                nameof(authCode));
        }

        return 3 + Jt808Text.Encode(authCode, body[3..]);
    }

    private static int Compose(
        Span<byte> plain,
        ushort messageId,
        in Jt808Header addressee,
        ushort serial,
        ReadOnlySpan<byte> body)
    {
        if (body.Length > Jt808Header.MaxBodyLength)
        {
            throw new ArgumentException(
                $"A body of {body.Length} bytes does not fit the 10-bit length field; sub-package it.", nameof(body));
        }

        var header = new Jt808Header
        {
            MessageId = messageId,
            Properties = Jt808Header.PropertiesFor(addressee.Version, body.Length),
            Version = addressee.Version,
            ProtocolVersion = addressee.ProtocolVersion,
            Terminal = addressee.Terminal,
            Serial = serial,
        };
        var length = header.Write(plain);
        body.CopyTo(plain[length..]);
        length += body.Length;

        // The check code covers header and body and is computed before escaping (JT/T 808-2019, 4.4.4).
        plain[length] = Jt808Escaping.CheckCode(plain[..length]);
        return length + 1;
    }

    private static bool TryFrame(ReadOnlySpan<byte> plain, Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < 2 || !Jt808Escaping.TryEscape(plain, destination[1..^1], out var escaped))
        {
            return false;
        }

        destination[0] = Jt808Escaping.Flag;
        destination[escaped + 1] = Jt808Escaping.Flag;
        written = escaped + 2;
        return true;
    }
}
