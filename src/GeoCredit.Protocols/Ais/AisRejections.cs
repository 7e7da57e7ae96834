using System.Globalization;

namespace GeoCredit.Protocols.Ais;

/// <summary>
/// The rejections the decoder hands out. Those whose sentence never changes are made once, so that a feed
/// full of noise does not allocate a new object per line; those that name a value are made when needed.
/// </summary>
internal static class AisRejections
{
    public static readonly AisRejection NotAivdm = new(AisRejectionReason.NotAivdm,
        "The line is not an AIS sentence: it does not start with !xxVDM or !xxVDO (after an optional tag block).");

    public static readonly AisRejection NotPrintable = new(AisRejectionReason.MalformedSentence,
        "The line contains a character outside printable ASCII, which NMEA 0183 sentences never do.");

    public static readonly AisRejection TagBlockNotClosed = new(AisRejectionReason.BadTagBlock,
        "The tag block opened with a backslash is never closed by a second one.");

    public static readonly AisRejection TagBlockWithoutChecksum = new(AisRejectionReason.BadTagBlock,
        "The tag block does not end with *hh, its two-digit hexadecimal checksum.");

    public static readonly AisRejection TagBlockEmptyField = new(AisRejectionReason.BadTagBlock,
        "The tag block has an empty field (two commas in a row, or a comma before the checksum).");

    public static readonly AisRejection TagBlockFieldWithoutName = new(AisRejectionReason.BadTagBlock,
        "A tag block field is not of the form name:value.");

    public static readonly AisRejection TagBlockBadStation = new(AisRejectionReason.BadTagBlock,
        "The tag block source station (s:) is empty or longer than 64 characters.");

    public static readonly AisRejection TagBlockBadTime = new(AisRejectionReason.BadTagBlock,
        "The tag block time (c:) is not Unix seconds or, with 13 digits, milliseconds.");

    public static readonly AisRejection NoChecksum = new(AisRejectionReason.BadChecksum,
        "The sentence has no checksum (*hh at its end); AIS sentences always carry one.");

    public static readonly AisRejection UnreadableChecksum = new(AisRejectionReason.BadChecksum,
        "The checksum after * is not two hexadecimal digits.");

    public static readonly AisRejection BadFragmentCount = new(AisRejectionReason.MalformedSentence,
        "The fragment count (field 1) is not a digit from 1 to 9.");

    public static readonly AisRejection BadFragmentNumber = new(AisRejectionReason.MalformedSentence,
        "The fragment number (field 2) is not a digit from 1 to the fragment count.");

    public static readonly AisRejection BadSequenceId = new(AisRejectionReason.MalformedSentence,
        "The sequential message id (field 3) is neither empty nor a digit from 0 to 9.");

    public static readonly AisRejection BadChannel = new(AisRejectionReason.MalformedSentence,
        "The channel (field 4) is neither empty nor one letter or digit.");

    public static readonly AisRejection BadFillBits = new(AisRejectionReason.BadFillBits,
        "The fill-bits field (field 6) is not a digit from 0 to 5 that fits in the payload.");


    private static readonly AisRejection[] UnsupportedTypes = CreateUnsupportedTypes();

    public static AisRejection LineTooLong(int length) => Create(
        AisRejectionReason.LineTooLong,
        $"The line is {length} characters long; at most {VdmSentence.MaxLineLength} are accepted.");

    public static AisRejection TagBlockChecksum(byte expected, byte actual) => Create(
        AisRejectionReason.BadTagBlock,
        $"The tag block checksum is {expected:X2} but its characters give {actual:X2}.");

    public static AisRejection Checksum(byte expected, byte actual) => Create(
        AisRejectionReason.BadChecksum,
        $"The checksum is {expected:X2} but the sentence's characters give {actual:X2}.");

    public static AisRejection FieldCount(int count) => Create(
        AisRejectionReason.MalformedSentence,
        $"The sentence has {count} comma-separated fields; a VDM/VDO sentence has 7.");

    public static AisRejection PayloadTooLong(int characters) => Create(
        AisRejectionReason.PayloadTooLong,
        $"The payload is {characters} characters; no AIS message needs more than {SixBitPayload.MaxCharacters}.");

    public static AisRejection BadPayloadCharacter(char character, int index) => Create(
        AisRejectionReason.BadPayloadCharacter,
        $"Payload character {index + 1}, '{character}', is not six-bit armouring (0 to W, or ` to w).");

    public static AisRejection PayloadTooShort(int type, int bits, int needed) => Create(
        AisRejectionReason.PayloadTooShort,
        $"A type {type} message needs at least {needed} bits; this payload has {bits}.");

    public static AisRejection NoMessageType(int bits) => Create(
        AisRejectionReason.PayloadTooShort,
        $"The payload has {bits} bits; even the message type needs 6.");

    public static AisRejection UnsupportedType(int type) => UnsupportedTypes[type & 63];

    public static AisRejection BadPartNumber(int part) => Create(
        AisRejectionReason.MalformedPayload,
        $"Type 24 part number {part} is not defined; only 0 (part A) and 1 (part B) are.");

    public static AisRejection FragmentWithoutStart(int number, int count) => Create(
        AisRejectionReason.FragmentOutOfOrder,
        $"Fragment {number} of {count} came without the ones before it (lost, refused or timed out).");

    public static AisRejection FragmentOutOfOrder(int number, int count, int expected, int expectedCount) => Create(
        AisRejectionReason.FragmentOutOfOrder,
        $"Fragment {number} of {count} came while fragment {expected} of {expectedCount} was expected.");

    public static AisRejection Superseded(int received, int count) => Create(
        AisRejectionReason.FragmentMissing,
        $"A new message reused the sequence id and channel after {received} of {count} fragments of this one.");

    public static AisRejection BrokenByRefusedFragment(int received, int count) => Create(
        AisRejectionReason.FragmentMissing,
        $"Dropped after {received} of {count} fragments because the next fragment was refused.");

    public static AisRejection BrokenByOutOfOrderFragment(int received, int count) => Create(
        AisRejectionReason.FragmentOutOfOrder,
        $"Dropped after {received} of {count} fragments because a fragment came out of order.");

    public static AisRejection TimedOut(int received, int count, TimeSpan timeout) => Create(
        AisRejectionReason.FragmentTimeout,
        $"Only {received} of {count} fragments came within {timeout.TotalSeconds:0.###} s; the message is dropped.");

    public static AisRejection Evicted(int received, int count, int capacity) => Create(
        AisRejectionReason.FragmentOverflow,
        $"Dropped after {received} of {count} fragments: {capacity} messages were already pending.");

    private static AisRejection[] CreateUnsupportedTypes()
    {
        var rejections = new AisRejection[64];
        for (var type = 0; type < rejections.Length; type++)
        {
            var message = type is >= 1 and <= 27
                ? string.Create(CultureInfo.InvariantCulture, $"AIS message type {type} is not decoded here.")
                : string.Create(CultureInfo.InvariantCulture, $"Message type {type} is not defined by ITU-R M.1371-5.");
            rejections[type] = new AisRejection(AisRejectionReason.UnsupportedType, message);
        }

        return rejections;
    }

    private static AisRejection Create(AisRejectionReason reason, FormattableString message) =>
        new(reason, message.ToString(CultureInfo.InvariantCulture));
}
