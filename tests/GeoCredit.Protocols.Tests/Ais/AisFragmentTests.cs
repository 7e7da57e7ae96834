using GeoCredit.Protocols.Ais;

namespace GeoCredit.Protocols.Tests.Ais;

/// <summary>Multi-sentence assembly: order, interleaving, timeouts on a virtual clock, and the bound.</summary>
public sealed class AisFragmentTests
{
    // gpsd test/sample.aivdm, type 5 "From Kurt Schwehr" (Copyright (c) 2010 the GPSD project, BSD-2-Clause).
    private const string Part1 = "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C";
    private const string Part2 = "!AIVDM,2,2,1,A,88888888880,2*25";

    // gpsd test/sample.aivdm, "Channel multiplexing test": two type 5 messages interleaved on A and B.
    private static readonly string[] MultiplexedLines =
    [
        "!AIVDM,2,1,6,B,542M92h00001@<7;?G0PD4i@R0<tqA8tj37>220o0h:2240Ht50000000000,0*3B",
        "!AIVDM,2,1,2,A,542M92h00001@<7;?G0PD4i@R0<tqA8tj37>220o0h:2240Ht500000000000000,0*3C",
        "!AIVDM,2,2,2,A,0000002,2*24",
        "!AIVDM,2,2,6,B,00000000000,2*21",
    ];

    private readonly AisDecoder _decoder;
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock;

    public AisFragmentTests()
    {
        _decoder = AisSentences.NewDecoder(out _clock);
    }

    [Fact]
    public void Decode_first_fragment_is_stored_and_second_completes_the_message()
    {
        var first = _decoder.Decode(Part1);
        Assert.Equal(AisOutcomeKind.Fragment, first.Kind);
        Assert.Equal(1, _decoder.PendingMessages);

        var second = _decoder.Decode(Part2);

        Assert.True(second.IsMessage);
        Assert.Equal("EVER DIADEM", second.Message.Static!.Name);
        Assert.Equal(0, _decoder.PendingMessages);
        Assert.Empty(_decoder.TakeAllDropped());
    }

    [Fact]
    public void Decode_second_fragment_first_is_refused_as_out_of_order()
    {
        var rejection = _decoder.DecodeRejection(Part2);

        Assert.Equal("fragment_out_of_order", rejection.Code);
        Assert.Contains("2 of 2", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_fragments_in_reverse_order_refuse_the_second_and_later_drop_the_first_on_timeout()
    {
        Assert.True(_decoder.Decode(Part2).IsRejected);
        Assert.Equal(AisOutcomeKind.Fragment, _decoder.Decode(Part1).Kind);

        _clock.Advance(TimeSpan.FromSeconds(11));
        _decoder.ExpireFragments();

        var dropped = Assert.Single(_decoder.TakeAllDropped());
        Assert.Equal("fragment_timeout", dropped.Rejection.Code);
        Assert.Equal(Part1, dropped.Input);
    }

    [Fact]
    public void Decode_skipped_fragment_drops_the_pending_message_and_refuses_the_line()
    {
        var first = AisSentences.Sentence("AIVDM,3,1,4,B,55?MbV02;H;s<HtKR20EHE:0@T4@Dn22222222,0");
        var third = AisSentences.Sentence("AIVDM,3,3,4,B,16L961O5Gf0NSQEp6ClRp888888888880,2");

        Assert.Equal(AisOutcomeKind.Fragment, _decoder.Decode(first).Kind);
        var rejection = _decoder.DecodeRejection(third);

        Assert.Equal("fragment_out_of_order", rejection.Code);
        Assert.Contains("fragment 2 of 3 was expected", rejection.Message, StringComparison.Ordinal);
        var dropped = Assert.Single(_decoder.TakeAllDropped());
        Assert.Equal("fragment_out_of_order", dropped.Rejection.Code);
        Assert.Equal(0, _decoder.PendingMessages);
    }

    [Fact]
    public void Decode_repeated_first_fragment_reports_the_earlier_message_as_missing_its_tail()
    {
        _decoder.Decode(Part1);
        _decoder.Decode(Part1);

        var dropped = Assert.Single(_decoder.TakeAllDropped());
        Assert.Equal("fragment_missing", dropped.Rejection.Code);
        Assert.True(_decoder.Decode(Part2).IsMessage);
    }

    [Fact]
    public void Decode_fragment_count_that_changes_midway_is_out_of_order()
    {
        _decoder.Decode(Part1);

        var rejection = _decoder.DecodeRejection(AisSentences.Sentence("AIVDM,3,2,1,A,88888888880,0"));

        Assert.Equal("fragment_out_of_order", rejection.Code);
    }

    [Fact]
    public void Decode_interleaved_messages_on_two_channels_both_complete()
    {
        var outcomes = MultiplexedLines.Select(line => _decoder.Decode(line)).ToArray();

        Assert.Equal(
            [AisOutcomeKind.Fragment, AisOutcomeKind.Fragment, AisOutcomeKind.Message, AisOutcomeKind.Message],
            outcomes.Select(outcome => outcome.Kind));
        Assert.Equal('A', outcomes[2].Message.Reception.Channel);
        Assert.Equal('B', outcomes[3].Message.Reception.Channel);
        Assert.Equal(outcomes[2].Message.Mmsi, outcomes[3].Message.Mmsi);
    }

    [Fact]
    public void Decode_same_sequence_id_from_two_stations_is_kept_apart()
    {
        var a = AisSentences.TagBlock("s:north");
        var b = AisSentences.TagBlock("s:south");

        Assert.Equal(AisOutcomeKind.Fragment, _decoder.Decode(a + Part1).Kind);
        Assert.Equal(AisOutcomeKind.Fragment, _decoder.Decode(b + Part1).Kind);
        var fromSouth = _decoder.DecodeMessage(b + Part2);
        var fromNorth = _decoder.DecodeMessage(a + Part2);

        Assert.Equal("south", fromSouth.Reception.Station);
        Assert.Equal("north", fromNorth.Reception.Station);
        Assert.Empty(_decoder.TakeAllDropped());
    }

    [Fact]
    public void Decode_later_fragment_without_tag_block_joins_the_message_started_with_one()
    {
        var first = AisSentences.TagBlock("g:1-2-0001,s:rx9,c:1577836800") + Part1;
        var second = AisSentences.TagBlock("g:2-2-0001") + Part2;

        _decoder.Decode(first);
        var message = _decoder.DecodeMessage(second);

        Assert.Equal("rx9", message.Reception.Station);
        Assert.Equal(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), message.Reception.StationTime);
    }

    [Fact]
    public void Decode_fragment_after_the_timeout_is_refused_and_the_partial_is_counted_once()
    {
        _decoder.Decode(Part1);
        _clock.Advance(TimeSpan.FromSeconds(10));

        var rejection = _decoder.DecodeRejection(Part2);

        Assert.Equal("fragment_out_of_order", rejection.Code);
        var dropped = Assert.Single(_decoder.TakeAllDropped());
        Assert.Equal(AisRejectionReason.FragmentTimeout, dropped.Rejection.Reason);
        Assert.Contains("1 of 2", dropped.Rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_fragment_just_within_the_timeout_completes()
    {
        _decoder.Decode(Part1);
        _clock.Advance(TimeSpan.FromSeconds(9.999));

        Assert.True(_decoder.Decode(Part2).IsMessage);
    }

    [Fact]
    public void ExpireFragments_before_the_timeout_keeps_the_partial()
    {
        _decoder.Decode(Part1);
        _clock.Advance(TimeSpan.FromSeconds(5));

        _decoder.ExpireFragments();

        Assert.Equal(1, _decoder.PendingMessages);
        Assert.Empty(_decoder.TakeAllDropped());
    }

    [Fact]
    public void Decode_more_pending_messages_than_allowed_evicts_the_oldest()
    {
        var decoder = AisSentences.NewDecoder(out _, new AisDecoderOptions { MaxPendingMessages = 3 });

        for (var sequence = 0; sequence < 4; sequence++)
        {
            var line = AisSentences.Sentence(
                $"AIVDM,2,1,{sequence},A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0");
            Assert.Equal(AisOutcomeKind.Fragment, decoder.Decode(line).Kind);
        }

        Assert.Equal(3, decoder.PendingMessages);
        var dropped = Assert.Single(decoder.TakeAllDropped());
        Assert.Equal("fragment_overflow", dropped.Rejection.Code);
        Assert.Contains(",0,A,", dropped.Input, StringComparison.Ordinal);
        Assert.True(decoder.DecodeAll(AisSentences.Sentence("AIVDM,2,2,3,A,88888888880,2")).IsMessage);
        Assert.True(decoder.DecodeAll(AisSentences.Sentence("AIVDM,2,2,0,A,88888888880,2")).IsRejected);
    }

    [Fact]
    public void Decode_assembled_payload_longer_than_any_message_is_refused()
    {
        var chunk = new string('0', 80);
        _decoder.Decode(AisSentences.Sentence($"AIVDM,9,1,7,A,{chunk},0"));
        var outcomes = Enumerable.Range(2, 8)
            .Select(number => _decoder.Decode(AisSentences.Sentence($"AIVDM,9,{number},7,A,{chunk},0")))
            .ToArray();

        // 80 characters a fragment: the seventh would pass 512; the two after it then have no message to join.
        var rejections = outcomes.Where(outcome => outcome.IsRejected).Select(outcome => outcome.Rejection!.Code);
        Assert.Equal(["payload_too_long", "fragment_out_of_order", "fragment_out_of_order"], rejections);
        Assert.Equal("fragment_missing", Assert.Single(_decoder.TakeAllDropped()).Rejection.Code);
    }

    [Fact]
    public void Decode_multipart_message_of_unsupported_type_is_refused_on_the_last_fragment()
    {
        // gpsd test/sample.aivdm, type 17 (DGNSS broadcast) "From AISHub", two fragments.
        Assert.Equal(
            AisOutcomeKind.Fragment,
            _decoder.Decode(
                "!AIVDM,2,1,5,A,A02VqLPA4I6C07h5Ed1h<OrsuBTTwS?r:C?w`?la<gno1RTRwSP9:BcurA8a,0*3A").Kind);

        var rejection = _decoder.DecodeRejection("!AIVDM,2,2,5,A,:Oko02TSwu8<:Jbb,0*11");

        Assert.Equal("unsupported_type", rejection.Code);
    }
}
