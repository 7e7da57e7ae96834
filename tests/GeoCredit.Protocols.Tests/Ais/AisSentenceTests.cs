using System.Text;
using GeoCredit.Protocols.Ais;

namespace GeoCredit.Protocols.Tests.Ais;

/// <summary>The NMEA layer: sentence shape, checksum, talkers, tag blocks, and what is refused there.</summary>
public sealed class AisSentenceTests
{
    // gpsd test/sample.aivdm, type 1 "From Kurt Schwehr" (BSD-2-Clause).
    private const string Type1 = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";

    private readonly AisDecoder _decoder = AisSentences.NewDecoder(out _);

    [Fact]
    public void Decode_bytes_and_chars_give_the_same_message()
    {
        var fromChars = _decoder.DecodeMessage(Type1);
        var fromBytes = _decoder.Decode(Encoding.ASCII.GetBytes(Type1 + "\r\n")).Message;

        Assert.Equal(fromChars, fromBytes);
    }

    [Fact]
    public void Decode_line_ending_and_surrounding_spaces_are_ignored()
    {
        var outcome = _decoder.Decode("  " + Type1 + "\r\n");

        Assert.True(outcome.IsMessage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\r\n")]
    public void Decode_blank_line_is_blank_not_a_rejection(string line)
    {
        var outcome = _decoder.Decode(line);

        Assert.Equal(AisOutcomeKind.Blank, outcome.Kind);
    }

    [Fact]
    public void Decode_lower_case_checksum_is_accepted()
    {
        var outcome = _decoder.Decode(Type1.Replace("*4A", "*4a", StringComparison.Ordinal));

        Assert.True(outcome.IsMessage);
    }

    [Fact]
    public void Decode_wrong_checksum_is_refused_with_both_values()
    {
        var rejection = _decoder.DecodeRejection(Type1.Replace("*4A", "*4B", StringComparison.Ordinal));

        Assert.Equal("bad_checksum", rejection.Code);
        Assert.Contains("4B", rejection.Message, StringComparison.Ordinal);
        Assert.Contains("4A", rejection.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0")]
    [InlineData("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*")]
    [InlineData("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4")]
    [InlineData("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4G")]
    [InlineData("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A5")]
    public void Decode_missing_or_unreadable_checksum_is_refused(string line)
    {
        var rejection = _decoder.DecodeRejection(line);

        Assert.Equal("bad_checksum", rejection.Code);
    }

    [Fact]
    public void Decode_receiver_metadata_after_the_checksum_is_ignored()
    {
        // gpsd test/sample.aivdm, type 10 "From Mike Greene", with USCG receiver fields after the checksum.
        var rejection = _decoder.DecodeRejection("!AIVDM,1,1,,B,:6TMCD1GOS60,0*5B,s36310,d-081,T59.01777335");

        Assert.Equal("unsupported_type", rejection.Code);
    }

    [Theory]
    [InlineData("BSVDM")]
    [InlineData("ABVDM")]
    [InlineData("AIVDO")]
    [InlineData("SAVDM")]
    public void Decode_any_talker_and_vdm_or_vdo_is_accepted(string address)
    {
        var outcome = _decoder.Decode(AisSentences.Sentence($"{address},1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0"));

        Assert.True(outcome.IsMessage);
        Assert.Equal(address.EndsWith('O'), outcome.Message.Reception.IsOwnShip);
    }

    [Theory]
    [InlineData("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A")]
    [InlineData("!AIVDX,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A")]
    [InlineData("AIVDM,2,2,1,B,00000000000,2*26")]
    [InlineData("# a comment line")]
    [InlineData("!aivdm,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A")]
    public void Decode_other_lines_are_refused_as_not_aivdm(string line)
    {
        var rejection = _decoder.DecodeRejection(line);

        Assert.Equal("not_aivdm", rejection.Code);
    }

    [Theory]
    [InlineData("AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ")]
    [InlineData("AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0,0")]
    [InlineData("AIVDM,1,1,,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0")]
    [InlineData("AIVDM,0,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0")]
    [InlineData("AIVDM,1,2,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0")]
    [InlineData("AIVDM,x,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0")]
    [InlineData("AIVDM,1,1,12,A,15RTgt0PAso;90TKcjM8h6g208CQ,0")]
    [InlineData("AIVDM,1,1,,AB,15RTgt0PAso;90TKcjM8h6g208CQ,0")]
    public void Decode_sentence_of_wrong_shape_is_refused_as_malformed(string body)
    {
        var rejection = _decoder.DecodeRejection(AisSentences.Sentence(body));

        Assert.Equal("malformed_sentence", rejection.Code);
    }

    [Theory]
    [InlineData("6")]
    [InlineData("9")]
    [InlineData("")]
    [InlineData("x")]
    public void Decode_bad_fill_bits_are_refused(string fill)
    {
        var rejection = _decoder.DecodeRejection(
            AisSentences.Sentence($"AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,{fill}"));

        Assert.Equal("bad_fill_bits", rejection.Code);
    }

    [Theory]
    [InlineData('X')]
    [InlineData('_')]
    [InlineData('x')]
    [InlineData('!')]
    public void Decode_character_outside_the_armouring_is_refused(char character)
    {
        var payload = "15RTgt0PAso;90TK" + character + "jM8h6g208CQ";

        var rejection = _decoder.DecodeRejection(AisSentences.Vdm(payload));

        Assert.Equal("bad_payload_character", rejection.Code);
        Assert.Contains("17", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_empty_payload_is_refused_as_too_short()
    {
        var rejection = _decoder.DecodeRejection(AisSentences.Vdm(""));

        Assert.Equal("payload_too_short", rejection.Code);
    }

    [Fact]
    public void Decode_non_ascii_line_is_refused()
    {
        var rejection = _decoder.DecodeRejection("!AIVDM,1,1,,A,15RTgt0PAsö;90TKcjM8h6g208CQ,0*4A");

        Assert.Equal("malformed_sentence", rejection.Code);
    }

    [Fact]
    public void Decode_line_longer_than_the_limit_is_refused()
    {
        var line = Type1 + new string(' ', 10) + new string('x', AisDecoder.MaxLineLength);

        Assert.Equal("line_too_long", _decoder.DecodeRejection(line).Code);
        Assert.Equal("line_too_long", _decoder.Decode(Encoding.ASCII.GetBytes(line)).Rejection!.Code);
    }

    [Fact]
    public void Decode_tag_block_gives_station_and_time()
    {
        // pyais tests/test_tag_block.py, test_multiple_messages (MIT): a Norwegian Coastal Administration line.
        var message = _decoder.DecodeMessage(
            @"\s:2573535,c:1671533231*08\!BSVDM,1,1,,A,13nN34?000QFpgRWnQLLSPpF00SO,0*06");

        Assert.Equal("2573535", message.Reception.Station);
        Assert.Equal(new DateTimeOffset(2022, 12, 20, 10, 47, 11, TimeSpan.Zero), message.Reception.StationTime);
        Assert.Equal(258_442_000, message.Mmsi);
    }

    [Fact]
    public void Decode_tag_block_time_with_13_digits_is_milliseconds()
    {
        var line = AisSentences.TagBlock("s:station,c:1577836800123") + Type1;

        var message = _decoder.DecodeMessage(line);

        Assert.Equal("station", message.Reception.Station);
        Assert.Equal(
            new DateTimeOffset(2020, 1, 1, 0, 0, 0, 123, TimeSpan.Zero), message.Reception.StationTime);
    }

    [Fact]
    public void Decode_tag_block_time_with_10_digits_is_seconds()
    {
        var message = _decoder.DecodeMessage(AisSentences.TagBlock("c:1577836800,s:station") + Type1);

        Assert.Equal(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), message.Reception.StationTime);
    }

    [Fact]
    public void Decode_tag_block_with_unknown_fields_keeps_the_known_ones()
    {
        var message = _decoder.DecodeMessage(AisSentences.TagBlock("g:1-2-0042,n:123,s:rx1,q:u,T:x") + Type1);

        Assert.Equal("rx1", message.Reception.Station);
        Assert.Null(message.Reception.StationTime);
    }

    [Fact]
    public void Decode_same_station_twice_gives_the_same_string()
    {
        var first = _decoder.DecodeMessage(AisSentences.TagBlock("s:rx1") + Type1);
        var second = _decoder.DecodeMessage(AisSentences.TagBlock("s:rx1") + Type1);

        Assert.Same(first.Reception.Station, second.Reception.Station);
    }

    [Theory]
    [InlineData(@"\s:2573535,c:1671533231*09\")]
    [InlineData(@"\s:2573535,c:1671533231\")]
    [InlineData(@"\s:2573535,c:1671533231*08")]
    [InlineData(@"\\")]
    public void Decode_tag_block_with_bad_checksum_or_shape_is_refused(string tagBlock)
    {
        var rejection = _decoder.DecodeRejection(tagBlock + Type1);

        Assert.Equal("bad_tag_block", rejection.Code);
    }

    [Theory]
    [InlineData("c:12345678901234")]
    [InlineData("c:17x")]
    [InlineData("c:")]
    [InlineData("s:")]
    [InlineData("s:a,,c:1")]
    [InlineData("s:a,")]
    [InlineData(":a")]
    [InlineData("c:999999999999")]
    public void Decode_tag_block_with_bad_field_is_refused(string fields)
    {
        var rejection = _decoder.DecodeRejection(AisSentences.TagBlock(fields) + Type1);

        Assert.Equal("bad_tag_block", rejection.Code);
    }

    [Fact]
    public void Decode_tag_block_before_another_sentence_is_not_aivdm()
    {
        var line = AisSentences.TagBlock("s:rx1") + "$ARVSI,1234567899,,041848.95096061,0427,-098,03*62";

        Assert.Equal("not_aivdm", _decoder.DecodeRejection(line).Code);
    }
}
