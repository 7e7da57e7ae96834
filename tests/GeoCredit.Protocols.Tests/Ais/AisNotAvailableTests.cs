using GeoCredit.Protocols.Ais;

namespace GeoCredit.Protocols.Tests.Ais;

/// <summary>
/// "Not available" values (ITU-R M.1371-5, Annex 8, §3) become null, special values keep their meaning, and
/// text loses its padding. Samples that are not published are built field by field with
/// <see cref="PayloadBuilder"/>, so each expected value is the one written in.
/// </summary>
public sealed class AisNotAvailableTests
{
    private const double Tolerance = 1e-9;

    private readonly AisDecoder _decoder = AisSentences.NewDecoder(out _);

    [Fact]
    public void Decode_type18_with_every_value_not_available_leaves_them_absent()
    {
        // pyais tests/test_decode.py, test_empty_channel (MIT): speed 1023, lon 181, lat 91, course 3600,
        // heading 511, and an empty channel field.
        var message = _decoder.DecodeMessage("!AIVDO,1,1,,,B>qc:003wk?8mP=18D3Q3wgTiT;T,0*13");

        var position = message.Position!.Value;
        Assert.Equal(1_000_000_000, message.Mmsi);
        Assert.Null(position.Speed);
        Assert.Null(position.SpeedKmh);
        Assert.Null(position.Longitude);
        Assert.Null(position.Latitude);
        Assert.Null(position.Course);
        Assert.Null(position.Heading);
        Assert.False(position.HasFix);
        Assert.Equal('\0', message.Reception.Channel);
    }

    [Fact]
    public void Decode_type1_without_turn_information_and_heading_leaves_them_absent()
    {
        // gpsd test/sample.aivdm, second type 1 "From Kurt Schwehr" (BSD-2-Clause): ROT -128, heading 511.
        var message = _decoder.DecodeMessage("!AIVDM,1,1,,A,16SteH0P00Jt63hHaa6SagvJ087r,0*42");

        var position = message.Position!.Value;
        Assert.Equal(440_348_000, message.Mmsi);
        Assert.Null(position.RateOfTurn);
        Assert.Null(position.Heading);
        Assert.Equal(0.0, position.Speed);
        Assert.Equal(93.4, position.Course);
        Assert.True(position.HasFix);
    }

    [Fact]
    public void Decode_type4_with_time_and_position_not_available_leaves_them_absent()
    {
        // gpsd test/sample.aivdm, "Type 4 with date/time set to N/A": year 0, month 0, day 0, hour 24,
        // minute 60, second 60, longitude 181, latitude 91.
        var message = _decoder.DecodeMessage("!AIVDM,1,1,,A,402Fha0000Htt<tSF0l4Q@000d20,0*65");

        Assert.Equal(2_470_052, message.Mmsi);
        Assert.Null(message.Timestamp);
        Assert.Null(message.Position!.Value.Latitude);
        Assert.Null(message.Position!.Value.Longitude);
        Assert.Null(message.Position!.Value.Second);
    }

    [Fact]
    public void Decode_type4_with_date_but_no_time_has_no_timestamp()
    {
        // gpsd test/sample.aivdm, "Type 4 with YYYY/MM/DD OK, but HHmmSS N/A": 2012-06-01, hour 24.
        var message = _decoder.DecodeMessage("!AIVDM,1,1,,B,4028n@iuiPpttwIWI<Hl>8700PS:,0*60");

        Assert.Null(message.Timestamp);
        Assert.Equal(43.369013333, message.Position!.Value.Latitude!.Value, 1e-6);
    }

    [Fact]
    public void Decode_type4_with_impossible_year_and_position_leaves_them_absent()
    {
        // gpsd test/sample.aivdm: year 10196, longitude 205°, latitude 109° (read from bits 38-51, 79-133).
        var message = _decoder.DecodeMessage("!AIVDM,1,1,,B,4>O7m7Iu@<9qUfbtm`vSnwvH20S8,0*46");

        Assert.Null(message.Timestamp);
        Assert.Null(message.Position!.Value.Longitude);
        Assert.Null(message.Position!.Value.Latitude);
    }

    [Theory]
    [InlineData(1023, null)]
    [InlineData(1022, 102.2)]
    [InlineData(0, 0.0)]
    [InlineData(1, 0.1)]
    public void Decode_class_a_speed_in_tenth_knots(int raw, double? knots)
    {
        var position = Decode(PayloadBuilder.ClassA(speed: raw));

        Assert.Equal(knots, position.Speed);
    }

    [Theory]
    [InlineData(3600, null)]
    [InlineData(4095, null)]
    [InlineData(3599, 359.9)]
    [InlineData(0, 0.0)]
    public void Decode_class_a_course_in_tenth_degrees(int raw, double? degrees)
    {
        Assert.Equal(degrees, Decode(PayloadBuilder.ClassA(course: raw)).Course);
    }

    [Theory]
    [InlineData(511, null)]
    [InlineData(360, null)]
    [InlineData(359, 359)]
    public void Decode_class_a_heading_in_degrees(int raw, int? heading)
    {
        Assert.Equal(heading, Decode(PayloadBuilder.ClassA(heading: raw)).Heading);
    }

    [Fact]
    public void Decode_class_a_position_91_and_181_degrees_are_absent()
    {
        var position = Decode(PayloadBuilder.ClassA(latitude: 91 * 600_000, longitude: 181 * 600_000));

        Assert.Null(position.Latitude);
        Assert.Null(position.Longitude);
    }

    [Fact]
    public void Decode_class_a_extreme_valid_position_is_kept()
    {
        var position = Decode(PayloadBuilder.ClassA(latitude: -90 * 600_000, longitude: -180 * 600_000));

        Assert.Equal(-90.0, position.Latitude);
        Assert.Equal(-180.0, position.Longitude);
    }

    [Theory]
    [InlineData(60, null)]
    [InlineData(61, null)]
    [InlineData(63, null)]
    [InlineData(59, 59)]
    public void Decode_class_a_second_60_and_above_is_absent(int raw, int? second)
    {
        Assert.Equal(second, Decode(PayloadBuilder.ClassA(second: raw)).Second);
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(10, 4.464)]
    [InlineData(-10, -4.464)]
    [InlineData(126, 708.7)]
    public void Decode_rate_of_turn_is_squared_over_4_733_with_its_sign(int raw, double degreesPerMinute)
    {
        // ITU-R M.1371-5, Annex 8, §3.1: ROT_AIS = 4.733 √ROT, so ROT = (ROT_AIS / 4.733)²;
        // for example (10 / 4.733)² = 4.464.
        var turn = Decode(PayloadBuilder.ClassA(rot: raw)).RateOfTurn!.Value;

        Assert.Equal(degreesPerMinute, turn.DegreesPerMinute!.Value, 0.05);
        Assert.False(turn.HasNoTurnIndicator);
        Assert.Equal(Math.Sign(raw) * Math.Pow(raw / 4.733, 2), turn.DegreesPerMinute!.Value, Tolerance);
    }

    [Theory]
    [InlineData(127, true)]
    [InlineData(-127, false)]
    public void Decode_rate_of_turn_127_is_a_direction_without_a_rate(int raw, bool right)
    {
        var turn = Decode(PayloadBuilder.ClassA(rot: raw)).RateOfTurn!.Value;

        Assert.True(turn.HasNoTurnIndicator);
        Assert.Equal(right, turn.IsTurningRight);
        Assert.Null(turn.DegreesPerMinute);
    }

    [Fact]
    public void Decode_rate_of_turn_minus_128_is_absent()
    {
        Assert.Null(Decode(PayloadBuilder.ClassA(rot: -128)).RateOfTurn);
    }

    [Fact]
    public void Decode_navigation_status_is_the_raw_integer()
    {
        Assert.Equal(15, Decode(PayloadBuilder.ClassA(status: 15)).NavigationStatus);
    }

    [Fact]
    public void Decode_type27_not_available_values_are_absent()
    {
        // ITU-R M.1371-5, Annex 8, §3.27: lon 181° and lat 91° in 1/10 minute, speed 63, course 511.
        var sentence = new PayloadBuilder().Unsigned(27, 6).Unsigned(3, 2).Unsigned(211_000_003, 30)
            .Flag(false).Flag(false).Unsigned(15, 4).Signed(181 * 600, 18).Signed(91 * 600, 17)
            .Unsigned(63, 6).Unsigned(511, 9).Flag(true).Unsigned(0, 1).Vdm();

        var position = _decoder.DecodeMessage(sentence).Position!.Value;

        Assert.Null(position.Longitude);
        Assert.Null(position.Latitude);
        Assert.Null(position.Speed);
        Assert.Null(position.Course);
    }

    [Fact]
    public void Decode_text_loses_at_sign_padding_and_trailing_spaces()
    {
        var sentence = PayloadBuilder.StaticAndVoyage(callSign: "AB12 ", name: "SEA  STAR  ", destination: "")
            .Vdm();

        var data = _decoder.DecodeMessage(sentence).Static!;

        Assert.Equal("AB12", data.CallSign);
        Assert.Equal("SEA  STAR", data.Name);
        Assert.Null(data.Destination);
    }

    [Fact]
    public void Decode_type5_zero_and_sentinel_values_are_absent()
    {
        var sentence = PayloadBuilder.StaticAndVoyage(
            callSign: "", name: "X", destination: "Y", eta: (0, 0, 24, 60)).Vdm();

        var data = _decoder.DecodeMessage(sentence).Static!;

        Assert.Null(data.CallSign);
        Assert.Null(data.ImoNumber);
        Assert.Null(data.ShipType);
        Assert.Null(data.Dimensions);
        Assert.Null(data.Draught);
        Assert.Null(data.Eta);
    }

    [Fact]
    public void Decode_type5_partial_eta_and_single_zero_dimension_are_kept()
    {
        var sentence = PayloadBuilder.StaticAndVoyage(
            callSign: "C", name: "N", destination: "D", dimensions: (0, 120, 0, 20), eta: (12, 31, 24, 60),
            draught: 255).Vdm();

        var data = _decoder.DecodeMessage(sentence).Static!;

        Assert.Equal(new AisDimensions(0, 120, 0, 20), data.Dimensions);
        Assert.Equal(new AisEta(12, 31, null, null), data.Eta);
        Assert.False(data.Eta!.Value.IsComplete);
        Assert.Equal(25.5, data.Draught);
    }

    private AisPositionReport Decode(PayloadBuilder payload) => _decoder.DecodeMessage(payload.Vdm()).Position!.Value;
}
