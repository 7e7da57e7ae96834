namespace GeoCredit.Protocols.Jt808;

/// <summary>Why a JT/T 808 input was refused. Every refusal is reported under exactly one of these.</summary>
public enum Jt808Reason
{
    None = 0,
    GarbageBetweenFrames,
    BadEscape,
    FrameTooLong,
    FrameTooShort,
    BadCheckCode,
    BodyLengthMismatch,
    BadBcd,
    BadTime,
    TruncatedBody,
    BadAdditionalItem,
    UnsupportedMessage,
    UnsupportedEncryption,
    BadPackageIndex,
    SubpackageLimit,
    SubpackageTimeout,
    BadHex,
}

/// <summary>
/// A refused JT/T 808 input: the reason to count and a sentence a person can act on. The default value
/// (<see cref="Jt808Reason.None"/>) means nothing was refused.
/// </summary>
public readonly record struct Jt808Rejection(Jt808Reason Reason, string Message)
{
    /// <summary>The stable snake_case code that counters, logs and the decode command use.</summary>
    public string Code => Reason.ToCode();

    public bool IsRejected => Reason != Jt808Reason.None;

    /// <summary>A rejection with the reason's standard sentence; allocates nothing.</summary>
    public static Jt808Rejection Of(Jt808Reason reason) => new(reason, reason.DefaultMessage());

    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>Codes and standard sentences for <see cref="Jt808Reason"/>.</summary>
public static class Jt808Reasons
{
    /// <summary>Every code, in declaration order, for documentation and for tests that check their shape.</summary>
    public static IReadOnlyList<Jt808Reason> All { get; } =
        Enum.GetValues<Jt808Reason>().Where(reason => reason != Jt808Reason.None).ToArray();

    public static string ToCode(this Jt808Reason reason) => reason switch
    {
        Jt808Reason.None => "none",
        Jt808Reason.GarbageBetweenFrames => "garbage_between_frames",
        Jt808Reason.BadEscape => "bad_escape",
        Jt808Reason.FrameTooLong => "frame_too_long",
        Jt808Reason.FrameTooShort => "frame_too_short",
        Jt808Reason.BadCheckCode => "bad_check_code",
        Jt808Reason.BodyLengthMismatch => "body_length_mismatch",
        Jt808Reason.BadBcd => "bad_bcd",
        Jt808Reason.BadTime => "bad_time",
        Jt808Reason.TruncatedBody => "truncated_body",
        Jt808Reason.BadAdditionalItem => "bad_additional_item",
        Jt808Reason.UnsupportedMessage => "unsupported_message",
        Jt808Reason.UnsupportedEncryption => "unsupported_encryption",
        Jt808Reason.BadPackageIndex => "bad_package_index",
        Jt808Reason.SubpackageLimit => "subpackage_limit",
        Jt808Reason.SubpackageTimeout => "subpackage_timeout",
        Jt808Reason.BadHex => "bad_hex",
        _ => "unknown",
    };

    /// <summary>The sentence used when there is nothing more specific to say; allocates nothing.</summary>
    public static string DefaultMessage(this Jt808Reason reason) => reason switch
    {
        Jt808Reason.None => "The input was accepted.",
        Jt808Reason.GarbageBetweenFrames => "Bytes outside any 0x7e-delimited frame were skipped.",
        Jt808Reason.BadEscape => "A 0x7d byte in the frame is not followed by 0x01 or 0x02.",
        Jt808Reason.FrameTooLong => "The frame is longer than the configured maximum and was dropped.",
        Jt808Reason.FrameTooShort => "The frame is too short to hold a message header and a check code.",
        Jt808Reason.BadCheckCode => "The check code does not equal the XOR of the header and body bytes.",
        Jt808Reason.BodyLengthMismatch => "The body length in the header does not match the bytes in the frame.",
        Jt808Reason.BadBcd => "A BCD field holds a nibble that is not a decimal digit.",
        Jt808Reason.BadTime => "The BCD time is not a real calendar date and time.",
        Jt808Reason.TruncatedBody => "The message body ends before all of its fields.",
        Jt808Reason.BadAdditionalItem => "A location additional item overruns the body or has the wrong length.",
        Jt808Reason.UnsupportedMessage => "The message id is not one this platform decodes.",
        Jt808Reason.UnsupportedEncryption => "The message body is encrypted, which this platform does not support.",
        Jt808Reason.BadPackageIndex => "The sub-package index or total is zero, or the index is above the total.",
        Jt808Reason.SubpackageLimit => "Too many sub-packaged messages are pending, or one is too large.",
        Jt808Reason.SubpackageTimeout => "A sub-packaged message did not receive all of its packages in time.",
        Jt808Reason.BadHex => "The line is not an even number of hexadecimal digits.",
        _ => "The input was refused.",
    };
}
