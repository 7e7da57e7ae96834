using System.Text.RegularExpressions;
using GeoCredit.Protocols.Jt808;

namespace GeoCredit.Protocols.Tests.Jt808;

public sealed partial class Jt808ReasonsTests
{
    [Fact]
    public void Reasons_have_unique_snake_case_codes_and_a_sentence_each()
    {
        var codes = Jt808Reasons.All.Select(reason => reason.ToCode()).ToArray();

        Assert.All(codes, code => Assert.Matches(SnakeCase(), code));
        Assert.Equal(codes.Length, codes.Distinct().Count());
        Assert.DoesNotContain("unknown", codes);
        Assert.All(Jt808Reasons.All, reason => Assert.EndsWith(".", reason.DefaultMessage(), StringComparison.Ordinal));
    }

    [Fact]
    public void Reasons_include_the_documented_codes()
    {
        var codes = Jt808Reasons.All.Select(reason => reason.ToCode()).ToHashSet();

        Assert.Subset(codes, new HashSet<string>
        {
            "bad_check_code", "bad_escape", "frame_too_long", "frame_too_short", "body_length_mismatch", "bad_bcd",
            "bad_time", "unsupported_message", "garbage_between_frames", "subpackage_timeout",
        });
    }

    [GeneratedRegex("^[a-z]+(_[a-z]+)*$")]
    private static partial Regex SnakeCase();
}
