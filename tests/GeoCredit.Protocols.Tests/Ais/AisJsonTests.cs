using System.Text;
using System.Text.Json;
using GeoCredit.Protocols.Ais;

namespace GeoCredit.Protocols.Tests.Ais;

/// <summary>
/// The <c>geocredit decode --format ais</c> output: gpsd's AIS field names, real units, absent fields left out.
/// Samples: gpsd test/sample.aivdm (BSD-2-Clause) and pyais tests/test_decode.py (MIT).
/// </summary>
public sealed class AisJsonTests
{
    private readonly AisDecoder _decoder = AisSentences.NewDecoder(out _);

    [Fact]
    public void Write_type1_gives_gpsd_names_in_real_units()
    {
        var message = _decoder.DecodeMessage("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A");

        var json = Json(writer => AisJson.Write(writer, message));

        Assert.Equal(
            Quoted(
                "{'type':1,'repeat':0,'mmsi':371798000,'status':0,'turn':'fastleft','speed':12.3,'accuracy':true,"
                + "'lon':-123.395383,'lat':48.381633,'course':224,'heading':215,'second':33,'raim':false}"),
            json);
    }

    [Fact]
    public void Write_type1_with_a_measured_turn_writes_degrees_per_minute()
    {
        var message = _decoder.DecodeMessage("!AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0*5C");

        var json = Json(writer => AisJson.Write(writer, message));

        Assert.Equal(
            Quoted(
                "{'type':1,'repeat':0,'mmsi':366053209,'status':3,'turn':0,'speed':0,'accuracy':false,"
                + "'lon':-122.341618,'lat':37.802118,'course':219.3,'heading':1,'second':59,'raim':false}"),
            json);
    }

    [Fact]
    public void Write_type5_gives_static_fields_and_leaves_out_the_position()
    {
        var message = _decoder.DecodeMessage(
            "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C",
            "!AIVDM,2,2,1,A,88888888880,2*25");

        var json = Json(writer => AisJson.Write(writer, message));

        Assert.Equal(
            Quoted(
                "{'type':5,'repeat':0,'mmsi':351759000,'imo':9134270,'callsign':'3FOF8','shipname':'EVER DIADEM',"
                + "'shiptype':70,'to_bow':225,'to_stern':70,'to_port':1,'to_starboard':31,'draught':12.2,"
                + "'eta':'05-15T14:00Z','destination':'NEW YORK'}"),
            json);
    }

    [Fact]
    public void Write_leaves_out_every_field_that_is_not_available()
    {
        // pyais tests/test_decode.py, test_empty_channel: speed, position, course and heading not available.
        var message = _decoder.DecodeMessage("!AIVDO,1,1,,,B>qc:003wk?8mP=18D3Q3wgTiT;T,0*13");

        var json = Json(writer => AisJson.Write(writer, message));

        Assert.Equal(
            Quoted("{'type':18,'repeat':0,'mmsi':1000000000,'accuracy':false,'second':31,'raim':false}"), json);
    }

    [Fact]
    public void Write_type5_without_eta_and_draught_leaves_them_out()
    {
        var sentence = PayloadBuilder.StaticAndVoyage(
            callSign: "C", name: "N", destination: "D", eta: (0, 15, 24, 60)).Vdm();
        var message = _decoder.DecodeMessage(sentence);

        var names = FieldNames(Json(writer => AisJson.Write(writer, message)));

        Assert.Equal(["type", "repeat", "mmsi", "callsign", "shipname", "destination"], names);
    }

    [Fact]
    public void Write_type21_uses_name_and_aid_fields()
    {
        var message = _decoder.DecodeMessage(
            "!AIVDM,2,1,5,B,E1mg=5J1T4W0h97aRh6ba84<h2d;W:Te=eLvH50```q,0*46",
            "!AIVDM,2,2,5,B,:D44QDlp0C1DU00,2*36");

        using var document = JsonDocument.Parse(Json(writer => AisJson.Write(writer, message)));

        var root = document.RootElement;
        Assert.Equal("CHINA ROSE MURPHY EXPRESS ALERT", root.GetProperty("name").GetString());
        Assert.False(root.TryGetProperty("shipname", out _));
        Assert.Equal(20, root.GetProperty("aid_type").GetInt32());
        Assert.False(root.GetProperty("off_position").GetBoolean());
        Assert.False(root.GetProperty("virtual_aid").GetBoolean());
        Assert.Equal(-122.698592, root.GetProperty("lon").GetDouble());
    }

    [Fact]
    public void Write_type4_gives_its_utc_time()
    {
        var message = _decoder.DecodeMessage("!AIVDM,1,1,,A,403OviQuMGCqWrRO9>E6fE700@GO,0*4D");

        using var document = JsonDocument.Parse(Json(writer => AisJson.Write(writer, message)));

        Assert.Equal("2007-05-14T19:57:39Z", document.RootElement.GetProperty("timestamp").GetString());
    }

    [Fact]
    public void Write_tag_block_source_gives_station_and_station_time()
    {
        var message = _decoder.DecodeMessage(
            AisSentences.TagBlock("s:rx1,c:1577836800123") + "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A");

        using var document = JsonDocument.Parse(Json(writer => AisJson.Write(writer, message)));

        Assert.Equal("rx1", document.RootElement.GetProperty("station").GetString());
        Assert.Equal("2020-01-01T00:00:00.123Z", document.RootElement.GetProperty("station_time").GetString());
    }

    [Fact]
    public void WriteError_gives_code_message_and_input()
    {
        const string line = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4B";
        var rejection = _decoder.DecodeRejection(line);

        using var document = JsonDocument.Parse(Json(writer => AisJson.WriteError(writer, rejection, line)));

        var root = document.RootElement;
        Assert.Equal(["error", "message", "input"], root.EnumerateObject().Select(property => property.Name));
        Assert.Equal("bad_checksum", root.GetProperty("error").GetString());
        Assert.Equal(rejection.Message, root.GetProperty("message").GetString());
        Assert.Equal(line, root.GetProperty("input").GetString());
    }

    [Fact]
    public void WriteError_for_a_dropped_message_gives_its_first_fragment()
    {
        var decoder = AisSentences.NewDecoder(out var clock);
        decoder.Decode("!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C");
        clock.Advance(TimeSpan.FromMinutes(1));
        decoder.ExpireFragments();
        Assert.True(decoder.TryTakeDropped(out var dropped));

        using var document = JsonDocument.Parse(Json(writer => AisJson.WriteError(writer, dropped)));

        Assert.Equal("fragment_timeout", document.RootElement.GetProperty("error").GetString());
        var input = document.RootElement.GetProperty("input").GetString();
        Assert.StartsWith("!AIVDM,2,1,1,A,", input, StringComparison.Ordinal);
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>JSON written with single quotes, for readability of the expected values.</summary>
    private static string Quoted(string json) => json.Replace('\'', '"');

    private static string[] FieldNames(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().Select(property => property.Name).ToArray();
    }
}
