namespace GeoCredit.Protocols.Jt808;

/// <summary>
/// One checked, unescaped message: its header and its body (JT/T 808-2019, 4.4.1). A view into the buffer the
/// frame was unescaped into, valid until that buffer is reused; keep <see cref="Header"/> (a plain value) and
/// copy <see cref="Body"/> to hold on to either.
/// </summary>
public readonly ref struct Jt808Frame
{
    /// <summary>The smallest content: a 2013 header without sub-package fields, an empty body, a check code.</summary>
    public const int MinContentLength = Jt808Header.MinLength + 1;

    public Jt808Frame(Jt808Header header, ReadOnlySpan<byte> body)
    {
        Header = header;
        Body = body;
    }

    public Jt808Header Header { get; }

    public ReadOnlySpan<byte> Body { get; }

    public ushort MessageId => Header.MessageId;

    /// <summary>
    /// Checks and decodes the unescaped content between two flags: header, body and check code. The check code is
    /// tested before the header is read, so a corrupted header is reported as <c>bad_check_code</c>.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> content, out Jt808Frame frame, out Jt808Rejection rejection)
    {
        frame = default;
        if (content.Length < MinContentLength)
        {
            rejection = Jt808Rejection.Of(Jt808Reason.FrameTooShort);
            return false;
        }

        var headerAndBody = content[..^1];
        if (Jt808Escaping.CheckCode(headerAndBody) != content[^1])
        {
            rejection = Jt808Rejection.Of(Jt808Reason.BadCheckCode);
            return false;
        }

        var reason = Jt808Header.TryRead(headerAndBody, out var header);
        if (reason != Jt808Reason.None)
        {
            rejection = Jt808Rejection.Of(reason);
            return false;
        }

        var body = headerAndBody[header.Length..];
        if (body.Length != header.BodyLength)
        {
            rejection = new Jt808Rejection(Jt808Reason.BodyLengthMismatch,
                $"The header gives a body of {header.BodyLength} bytes but the frame carries {body.Length}.");
            return false;
        }

        frame = new Jt808Frame(header, body);
        rejection = default;
        return true;
    }
}
