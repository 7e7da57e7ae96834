using GeoCredit.Protocols.Ais;

namespace GeoCredit.Protocols.Tests.Ais;

public sealed class AisRejectionReasonsTests
{
    [Fact]
    public void ToCode_gives_every_reason_a_distinct_snake_case_code()
    {
        var codes = AisRejectionReasons.All.Select(reason => reason.ToCode()).ToArray();

        Assert.Equal(codes.Length, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, code => Assert.Matches("^[a-z]+(_[a-z]+)*$", code));
    }

    [Fact]
    public void ToCode_keeps_the_published_codes()
    {
        // Counters and replies store these strings: changing one breaks dashboards and alert rules.
        Assert.Equal(
            [
                "not_aivdm", "malformed_sentence", "line_too_long", "bad_checksum", "bad_tag_block",
                "bad_payload_character", "bad_fill_bits", "payload_too_short", "payload_too_long",
                "malformed_payload", "unsupported_type", "fragment_out_of_order", "fragment_missing",
                "fragment_timeout", "fragment_overflow",
            ],
            AisRejectionReasons.All.Select(reason => reason.ToCode()));
    }
}
