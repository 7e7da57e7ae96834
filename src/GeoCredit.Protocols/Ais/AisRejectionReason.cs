namespace GeoCredit.Protocols.Ais;

/// <summary>Why an AIS line (or a partial multi-sentence message) was refused.</summary>
public enum AisRejectionReason
{
    /// <summary>The line is not a <c>!xxVDM</c> or <c>!xxVDO</c> sentence (another NMEA sentence, or noise).</summary>
    NotAivdm,

    /// <summary>The sentence has the wrong number of fields, or a field that cannot be read.</summary>
    MalformedSentence,

    /// <summary>The line is longer than any AIS sentence can be.</summary>
    LineTooLong,

    /// <summary>The checksum is missing, unreadable, or does not match the sentence.</summary>
    BadChecksum,

    /// <summary>The NMEA 4.10 tag block is unclosed, has a wrong checksum, or an unreadable field.</summary>
    BadTagBlock,

    /// <summary>The payload has a character outside the six-bit armouring alphabet.</summary>
    BadPayloadCharacter,

    /// <summary>The fill-bits field is not 0 to 5, or says more bits than the payload has.</summary>
    BadFillBits,

    /// <summary>The payload has fewer bits than its message type needs.</summary>
    PayloadTooShort,

    /// <summary>The payload (of one sentence, or assembled from fragments) is longer than any AIS message.</summary>
    PayloadTooLong,

    /// <summary>A field of the message has a value the specification does not define.</summary>
    MalformedPayload,

    /// <summary>The message type is not one this decoder reads.</summary>
    UnsupportedType,

    /// <summary>A fragment arrived that does not continue the pending message it belongs to.</summary>
    FragmentOutOfOrder,

    /// <summary>A pending message was abandoned because one of its fragments never came or was refused.</summary>
    FragmentMissing,

    /// <summary>A pending message did not complete within the fragment timeout.</summary>
    FragmentTimeout,

    /// <summary>A pending message was dropped to make room: too many messages were incomplete at once.</summary>
    FragmentOverflow,
}

/// <summary>The stable snake_case codes that replies and counters use for <see cref="AisRejectionReason"/>.</summary>
public static class AisRejectionReasons
{
    public static IReadOnlyList<AisRejectionReason> All { get; } = Enum.GetValues<AisRejectionReason>();

    public static string ToCode(this AisRejectionReason reason) => reason switch
    {
        AisRejectionReason.NotAivdm => "not_aivdm",
        AisRejectionReason.MalformedSentence => "malformed_sentence",
        AisRejectionReason.LineTooLong => "line_too_long",
        AisRejectionReason.BadChecksum => "bad_checksum",
        AisRejectionReason.BadTagBlock => "bad_tag_block",
        AisRejectionReason.BadPayloadCharacter => "bad_payload_character",
        AisRejectionReason.BadFillBits => "bad_fill_bits",
        AisRejectionReason.PayloadTooShort => "payload_too_short",
        AisRejectionReason.PayloadTooLong => "payload_too_long",
        AisRejectionReason.MalformedPayload => "malformed_payload",
        AisRejectionReason.UnsupportedType => "unsupported_type",
        AisRejectionReason.FragmentOutOfOrder => "fragment_out_of_order",
        AisRejectionReason.FragmentMissing => "fragment_missing",
        AisRejectionReason.FragmentTimeout => "fragment_timeout",
        AisRejectionReason.FragmentOverflow => "fragment_overflow",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown AIS rejection reason."),
    };
}

/// <summary>A refused AIS input: the reason to count, and a sentence a person can act on.</summary>
public sealed record AisRejection(AisRejectionReason Reason, string Message)
{
    /// <summary>The stable snake_case code of <see cref="Reason"/>, e.g. <c>bad_checksum</c>.</summary>
    public string Code => Reason.ToCode();
}

/// <summary>
/// A partial multi-sentence message that the decoder gave up on (timed out, superseded, evicted or broken by a
/// refused fragment). It is reported apart from the line being decoded, because it may be dropped while an
/// unrelated line is read, or when no line arrives at all.
/// </summary>
/// <param name="Rejection">Why the partial message was dropped.</param>
/// <param name="Input">The first fragment's line, as received (cut at 256 characters).</param>
public sealed record AisDroppedMessage(AisRejection Rejection, string Input);
