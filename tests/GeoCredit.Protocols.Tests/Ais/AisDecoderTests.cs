using GeoCredit.Protocols.Ais;

namespace GeoCredit.Protocols.Tests.Ais;

/// <summary>
/// Published sample sentences and their published decoded values, one per supported message type.
/// Sources: gpsd's test/sample.aivdm and test/sample.aivdm.js.chk (Copyright (c) 2010 the GPSD project,
/// BSD-2-Clause), and pyais's tests/test_decode.py (M0r13n/pyais, MIT licence). Where a source
/// gives no decoded value, the comment shows the raw field read by hand from the bit layout.
/// </summary>
public sealed class AisDecoderTests
{
    private const double Degrees = 1e-6;

    private readonly AisDecoder _decoder = AisSentences.NewDecoder(out _);

    [Fact]
    public void Decode_type1_sample_gives_published_values()
    {
        // gpsd test/sample.aivdm, type 1 "From Kurt Schwehr", checked there with noaadata and Maritec.
        var message = _decoder.DecodeMessage("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A");

        Assert.Equal(1, message.Type);
        Assert.Equal(0, message.Repeat);
        Assert.Equal(371_798_000, message.Mmsi);
        var position = Assert.NotNull(message.Position);
        Assert.Equal(0, position.NavigationStatus);
        Assert.Equal(12.3, position.Speed);
        Assert.True(position.HighAccuracy);
        Assert.Equal(-123.395383333, position.Longitude!.Value, Degrees);
        Assert.Equal(48.38163333333, position.Latitude!.Value, Degrees);
        Assert.Equal(224.0, position.Course);
        Assert.Equal(215, position.Heading);
        Assert.Equal(33, position.Second);
        Assert.False(position.Raim);
        Assert.Null(message.Static);
        Assert.Equal('A', message.Reception.Channel);
    }

    [Fact]
    public void Decode_type1_sample_with_rate_of_turn_minus_127_is_turning_left_without_indicator()
    {
        // gpsd test/sample.aivdm: ROT -127; gpsd's sample.aivdm.js.chk writes "turn":"fastleft".
        var message = _decoder.DecodeMessage("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A");

        var turn = Assert.NotNull(message.Position!.Value.RateOfTurn);
        Assert.True(turn.HasNoTurnIndicator);
        Assert.False(turn.IsTurningRight);
        Assert.Null(turn.DegreesPerMinute);
        Assert.Equal(-127, turn.Raw);
    }

    [Fact]
    public void Decode_type1_pyais_sample_gives_published_values()
    {
        // pyais tests/test_decode.py, test_msg_type_1_a.
        var message = _decoder.DecodeMessage("!AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0*5C");

        var position = message.Position!.Value;
        Assert.Equal(366_053_209, message.Mmsi);
        Assert.Equal(3, position.NavigationStatus);
        Assert.Equal(0.0, position.RateOfTurn!.Value.DegreesPerMinute);
        Assert.Equal(0.0, position.Speed);
        Assert.False(position.HighAccuracy);
        Assert.Equal(-122.341618, position.Longitude!.Value, Degrees);
        Assert.Equal(37.802118, position.Latitude!.Value, Degrees);
        Assert.Equal(219.3, position.Course);
        Assert.Equal(1, position.Heading);
        Assert.Equal(59, position.Second);
        Assert.Equal('B', message.Reception.Channel);
    }

    [Fact]
    public void Decode_type2_sample_gives_published_values()
    {
        // gpsd test/sample.aivdm, type 2 "From Kurt Schwehr"; ROT 127 is "fastright" in sample.aivdm.js.chk.
        var message = _decoder.DecodeMessage("!AIVDM,1,1,,B,25Cjtd0Oj;Jp7ilG7=UkKBoB0<06,0*60");

        var position = message.Position!.Value;
        Assert.Equal(2, message.Type);
        Assert.Equal(356_302_000, message.Mmsi);
        Assert.Equal(0, position.NavigationStatus);
        Assert.True(position.RateOfTurn!.Value.HasNoTurnIndicator);
        Assert.True(position.RateOfTurn!.Value.IsTurningRight);
        Assert.Equal(13.9, position.Speed);
        Assert.False(position.HighAccuracy);
        Assert.Equal(-71.62614333333, position.Longitude!.Value, Degrees);
        Assert.Equal(40.39235833333, position.Latitude!.Value, Degrees);
        Assert.Equal(87.7, position.Course);
        Assert.Equal(91, position.Heading);
        Assert.Equal(41, position.Second);
    }

    [Fact]
    public void Decode_type3_sample_gives_published_values()
    {
        // gpsd test/sample.aivdm, type 3 "From Kurt Schwehr".
        var message = _decoder.DecodeMessage("!AIVDM,1,1,,A,38Id705000rRVJhE7cl9n;160000,0*40");

        var position = message.Position!.Value;
        Assert.Equal(3, message.Type);
        Assert.Equal(563_808_000, message.Mmsi);
        Assert.Equal(5, position.NavigationStatus);
        Assert.Equal(0.0, position.RateOfTurn!.Value.DegreesPerMinute);
        Assert.Equal(0.0, position.Speed);
        Assert.True(position.HighAccuracy);
        Assert.Equal(-76.32753333333, position.Longitude!.Value, Degrees);
        Assert.Equal(36.91, position.Latitude!.Value, Degrees);
        Assert.Equal(252.0, position.Course);
        Assert.Equal(352, position.Heading);
        Assert.Equal(35, position.Second);
    }

    [Fact]
    public void Decode_type4_sample_gives_published_values()
    {
        // gpsd test/sample.aivdm, type 4 "From Kurt Schwehr", checked there with noaadata and Maritec.
        var message = _decoder.DecodeMessage("!AIVDM,1,1,,A,403OviQuMGCqWrRO9>E6fE700@GO,0*4D");

        Assert.Equal(4, message.Type);
        Assert.Equal(3_669_702, message.Mmsi);
        Assert.Equal("003669702", message.MmsiText);
        Assert.Equal(new DateTimeOffset(2007, 5, 14, 19, 57, 39, TimeSpan.Zero), message.Timestamp);
        var position = message.Position!.Value;
        Assert.True(position.HighAccuracy);
        Assert.Equal(-76.35236166666, position.Longitude!.Value, Degrees);
        Assert.Equal(36.88376666666, position.Latitude!.Value, Degrees);
        Assert.Null(position.Speed);
        Assert.Null(position.Course);
        Assert.Null(position.Heading);
    }

    [Fact]
    public void Decode_type5_two_fragments_gives_published_values()
    {
        // gpsd test/sample.aivdm, type 5 "From Kurt Schwehr". The ETA hour is 14, as in gpsd's
        // sample.aivdm.js.chk ("eta":"05-15T14:00Z") and in bits 283-287 (01110); the comment block in
        // sample.aivdm says 16, which the bits do not.
        var message = _decoder.DecodeMessage(
            "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C",
            "!AIVDM,2,2,1,A,88888888880,2*25");

        Assert.Equal(5, message.Type);
        Assert.Equal(351_759_000, message.Mmsi);
        Assert.Null(message.Position);
        var data = Assert.IsType<AisStaticData>(message.Static);
        Assert.Equal(9_134_270, data.ImoNumber);
        Assert.Equal("3FOF8", data.CallSign);
        Assert.Equal("EVER DIADEM", data.Name);
        Assert.Equal(70, data.ShipType);
        Assert.Equal(new AisDimensions(225, 70, 1, 31), data.Dimensions);
        Assert.Equal(new AisEta(5, 15, 14, 0), data.Eta);
        Assert.Equal(12.2, data.Draught);
        Assert.Equal("NEW YORK", data.Destination);
    }

    [Fact]
    public void Decode_type18_sample_gives_published_values()
    {
        // gpsd test/sample.aivdm, type 18 "From Kurt Schwehr", checked there with noaadata.
        var message = _decoder.DecodeMessage("!AIVDM,1,1,,A,B52K>;h00Fc>jpUlNV@ikwpUoP06,0*4C");

        var position = message.Position!.Value;
        Assert.Equal(18, message.Type);
        Assert.Equal(338_087_471, message.Mmsi);
        Assert.Equal(0.1, position.Speed);
        Assert.False(position.HighAccuracy);
        Assert.Equal(-74.07213166666, position.Longitude!.Value, Degrees);
        Assert.Equal(40.68454, position.Latitude!.Value, Degrees);
        Assert.Equal(79.6, position.Course);
        Assert.Null(position.Heading);
        Assert.Equal(49, position.Second);
        Assert.True(position.Raim);
        Assert.Null(position.RateOfTurn);
        Assert.Null(position.NavigationStatus);
    }

    [Fact]
    public void Decode_type19_sample_gives_published_values()
    {
        // gpsd test/sample.aivdm, type 19 "From Mike Greene", checked there with noaadata and Maritec.
        var message = _decoder.DecodeMessage(
            "!AIVDM,1,1,,B,C5N3SRgPEnJGEBT>NhWAwwo862PaLELTBJ:V00000000S0D:R220,0*0B");

        Assert.Equal(19, message.Type);
        Assert.Equal(367_059_850, message.Mmsi);
        Assert.True(message.CarriesPosition);
        Assert.True(message.CarriesStaticData);
        var position = message.Position!.Value;
        Assert.Equal(8.7, position.Speed);
        Assert.Equal(-88.8103916667, position.Longitude!.Value, Degrees);
        Assert.Equal(29.543695, position.Latitude!.Value, Degrees);
        Assert.Equal(335.9, position.Course);
        Assert.Null(position.Heading);
        Assert.Equal(46, position.Second);
        var data = message.Static!;
        Assert.Equal("CAPT.J.RIMES", data.Name);
        Assert.Equal(70, data.ShipType);
        Assert.Equal(new AisDimensions(5, 21, 4, 4), data.Dimensions);
    }

    [Fact]
    public void Decode_type21_with_name_extension_gives_published_values()
    {
        // gpsd test/sample.aivdm, type 21 "From Mike Greene", checked there against Maritec. The name is 20
        // characters plus the 11-character name extension after bit 272.
        var message = _decoder.DecodeMessage(
            "!AIVDM,2,1,5,B,E1mg=5J1T4W0h97aRh6ba84<h2d;W:Te=eLvH50```q,0*46",
            "!AIVDM,2,2,5,B,:D44QDlp0C1DU00,2*36");

        Assert.Equal(21, message.Type);
        Assert.Equal(123_456_789, message.Mmsi);
        var data = message.Static!;
        Assert.Equal(20, data.AidType);
        Assert.Equal("CHINA ROSE MURPHY EXPRESS ALERT", data.Name);
        Assert.Equal(new AisDimensions(5, 5, 5, 5), data.Dimensions);
        Assert.False(data.IsOffPosition);
        Assert.False(data.IsVirtualAid);
        var position = message.Position!.Value;
        Assert.False(position.HighAccuracy);
        Assert.Equal(-122.698591667, position.Longitude!.Value, Degrees);
        Assert.Equal(47.9206183333, position.Latitude!.Value, Degrees);
        Assert.Equal(50, position.Second);
    }

    [Fact]
    public void Decode_type21_pyais_sample_gives_published_values()
    {
        // pyais tests/test_decode.py, test_msg_type_21: a reference point with no dimensions, off position.
        var message = _decoder.DecodeMessage(
            "!AIVDM,2,1,7,B,E4eHJhPR37q0000000000000000KUOSc=rq4h00000a,0*4A",
            "!AIVDM,2,2,7,B,@20,4*54");

        Assert.Equal(316_021_442, message.Mmsi);
        var data = message.Static!;
        Assert.Equal(1, data.AidType);
        Assert.Equal("DFO2", data.Name);
        Assert.Null(data.Dimensions);
        Assert.True(data.IsOffPosition);
        Assert.False(data.IsVirtualAid);
        var position = message.Position!.Value;
        Assert.True(position.HighAccuracy);
        Assert.True(position.Raim);
        Assert.Equal(48.65457, position.Latitude!.Value, Degrees);
        Assert.Equal(-123.429155, position.Longitude!.Value, Degrees);
    }

    [Fact]
    public void Decode_type24_part_a_sample_gives_published_name()
    {
        // gpsd test/sample.aivdm, type 24 "From Nirgal", checked there against Maritec.
        var message = _decoder.DecodeMessage("!AIVDM,1,1,,A,H42O55i18tMET00000000000000,2*6D");

        Assert.Equal(24, message.Type);
        Assert.Equal(271_041_815, message.Mmsi);
        Assert.False(message.CarriesPosition);
        Assert.Null(message.Position);
        Assert.Equal(0, message.Static!.PartNumber);
        Assert.Equal("PROGUY", message.Static.Name);
    }

    [Fact]
    public void Decode_type24_part_b_sample_gives_published_values()
    {
        // gpsd test/sample.aivdm and sample.aivdm.js.chk (model 12, serial 199796). ITU-R M.1371-5 splits the
        // old 7-character vendor id into 3 characters, a model code and a serial number, so the id is "1D0".
        var message = _decoder.DecodeMessage("!AIVDM,1,1,,A,H42O55lti4hhhilD3nink000?050,0*40");

        var data = message.Static!;
        Assert.Equal(1, data.PartNumber);
        Assert.Equal(60, data.ShipType);
        Assert.Equal("1D0", data.VendorId);
        Assert.Equal(12, data.UnitModel);
        Assert.Equal(199_796, data.SerialNumber);
        Assert.Equal("TC6163", data.CallSign);
        Assert.Equal(new AisDimensions(0, 15, 0, 5), data.Dimensions);
        Assert.Null(data.MothershipMmsi);
        Assert.Null(data.Name);
    }

    [Fact]
    public void Decode_type24_part_b_pyais_sample_leaves_out_empty_call_sign_and_dimensions()
    {
        // pyais tests/test_decode.py, test_msg_type_24: call sign all '@', dimensions all zero.
        var message = _decoder.DecodeMessage("!AIVDM,1,1,,A,H52KMeDU653hhhi0000000000000,0*1A");

        var data = message.Static!;
        Assert.Equal(338_091_445, message.Mmsi);
        Assert.Equal(37, data.ShipType);
        Assert.Equal("FEC", data.VendorId);
        Assert.Null(data.CallSign);
        Assert.Null(data.Dimensions);
    }

    [Fact]
    public void Decode_type27_sample_gives_published_values()
    {
        // gpsd test/sample.aivdm ("From Marius Kintel"), decoded in pyais tests/test_decode.py,
        // test_msg_type_27. Position in 1/10 minute: longitude 82214, latitude 2904.
        var message = _decoder.DecodeMessage("!AIVDM,1,1,,B,KC5E2b@U19PFdLbMuc5=ROv62<7m,0*16");

        var position = message.Position!.Value;
        Assert.Equal(27, message.Type);
        Assert.Equal(1, message.Repeat);
        Assert.Equal(206_914_217, message.Mmsi);
        Assert.Equal(2, position.NavigationStatus);
        Assert.Equal(137.023333, position.Longitude!.Value, Degrees);
        Assert.Equal(4.84, position.Latitude!.Value, Degrees);
        Assert.Equal(57.0, position.Speed);
        Assert.Equal(167.0, position.Course);
        Assert.False(position.HighAccuracy);
        Assert.False(position.Raim);
        Assert.Null(position.Heading);
        Assert.Null(position.Second);
    }

    [Fact]
    public void Decode_type27_96_bit_sample_gives_values_from_bit_layout()
    {
        // gpsd test/sample.aivdm ("From Christian Gagneraud via aishub"), 96 bits. gpsd's sample.aivdm.js.chk
        // gives mmsi 236091959, status 3, lon -154.2, lat 87.1 (rounded); read by hand: longitude bits 44-61 =
        // -92521 (1/10 minute) = -154.201667°, latitude bits 62-78 = 52239 = 87.065°, speed 0, course 0.
        var message = _decoder.DecodeMessage("!AIVDM,1,1,,A,KCQ9r=hrFUnH7P00,0*41");

        var position = message.Position!.Value;
        Assert.Equal(236_091_959, message.Mmsi);
        Assert.Equal(3, position.NavigationStatus);
        Assert.Equal(-154.201667, position.Longitude!.Value, Degrees);
        Assert.Equal(87.065, position.Latitude!.Value, Degrees);
        Assert.Equal(0.0, position.Speed);
        Assert.Equal(0.0, position.Course);
    }

    [Fact]
    public void Decode_type27_negative_position_gives_published_values()
    {
        // pyais tests/test_decode.py, test_msg_type_27_signed (an own-ship VDO sentence).
        var message = _decoder.DecodeMessage("!AIVDO,1,1,,A,K01;FQh?PbtE3P00,0*75");

        Assert.Equal(1_234_567, message.Mmsi);
        Assert.True(message.Reception.IsOwnShip);
        Assert.Equal(-13.368333, message.Position!.Value.Longitude!.Value, Degrees);
        Assert.Equal(-50.121667, message.Position!.Value.Latitude!.Value, Degrees);
    }

    [Fact]
    public void Decode_type9_sample_is_refused_as_unsupported_type()
    {
        // gpsd test/sample.aivdm, type 9 (SAR aircraft) "From AISHub".
        var rejection = _decoder.DecodeRejection("!AIVDM,1,1,,B,91b55wi;hbOS@OdQAC062Ch2089h,0*30");

        Assert.Equal(AisRejectionReason.UnsupportedType, rejection.Reason);
        Assert.Equal("unsupported_type", rejection.Code);
        Assert.Contains("type 9", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_type1_with_163_bits_is_accepted()
    {
        // gpsd test/sample.aivdm, "type=1 length=163": five fill bits cut the radio status short.
        var message = _decoder.DecodeMessage("!AIVDM,1,1,,A,13aIkM@P00PJ@qPNL=e@0?wJ28JO,5*63");

        Assert.Equal(1, message.Type);
    }

    [Fact]
    public void Decode_too_short_type1_is_refused()
    {
        var rejection = _decoder.DecodeRejection(AisSentences.Vdm("15RTgt0PAso;90TKcj"));

        Assert.Equal("payload_too_short", rejection.Code);
        Assert.Contains("149", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_type24_with_part_number_2_is_refused_as_malformed_payload()
    {
        var sentence = new PayloadBuilder().Unsigned(24, 6).Unsigned(0, 2).Unsigned(271_041_815, 30)
            .Unsigned(2, 2).Text("NAME", 20).Unsigned(0, 8).Vdm();

        var rejection = _decoder.DecodeRejection(sentence);

        Assert.Equal("malformed_payload", rejection.Code);
    }

    [Fact]
    public void Decode_type24_part_b_of_auxiliary_craft_gives_mothership_instead_of_dimensions()
    {
        // MMSI 98xxxyyyy marks an auxiliary craft (ITU-R M.585); its bits 132-161 are the mother ship's MMSI.
        var sentence = new PayloadBuilder().Unsigned(24, 6).Unsigned(0, 2).Unsigned(982_110_001, 30)
            .Unsigned(1, 2).Unsigned(37, 8).Text("ABC", 3).Unsigned(1, 4).Unsigned(42, 20).Text("TENDER", 7)
            .Unsigned(211_000_001, 30).Unsigned(0, 6).Vdm();

        var data = _decoder.DecodeMessage(sentence).Static!;

        Assert.Equal(211_000_001, data.MothershipMmsi);
        Assert.Null(data.Dimensions);
        Assert.Equal("TENDER", data.CallSign);
    }
}
