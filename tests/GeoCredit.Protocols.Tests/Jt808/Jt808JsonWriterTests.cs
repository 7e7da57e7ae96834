using System.Text.Json;
using GeoCredit.Protocols.Jt808;
using static GeoCredit.Protocols.Tests.Jt808.Jt808TestFrames;

namespace GeoCredit.Protocols.Tests.Jt808;

public sealed class Jt808JsonWriterTests
{
    [Fact]
    public void Format_location_frame_gives_the_documented_object()
    {
        var frame = Location2013(LocationBody(items: [Item(0x01, U32(12_345)), Item(0x31, 9)]), serial: 77);

        var json = Jt808JsonWriter.Format(Convert.ToHexString(frame));

        Assert.Equal(
            "{\"msg_id\":\"0x0200\",\"terminal\":\"013912344323\",\"serial\":77,\"version\":2013,\"alarm\":0,"
            + "\"status\":2,\"lat\":39.908692,\"lon\":116.397477,\"altitude\":44,\"speed\":60.5,\"direction\":270,"
            + "\"time\":\"2021-03-05T10:20:30+08:00\",\"mileage\":1234.5,\"satellites\":9}\n",
            json);
    }

    [Fact]
    public void Format_published_2019_location_gives_negative_latitude_in_the_south()
    {
        using var json = JsonDocument.Parse(Jt808JsonWriter.Format(Published.Location2019));
        var root = json.RootElement;

        Assert.Equal("0x0200", root.GetProperty("msg_id").GetString());
        Assert.Equal("00000000013912344329", root.GetProperty("terminal").GetString());
        Assert.Equal(2019, root.GetProperty("version").GetInt32());
        Assert.Equal(-31.234567, root.GetProperty("lat").GetDouble());
        Assert.Equal(121.987654, root.GetProperty("lon").GetDouble());
        Assert.Equal(6.6, root.GetProperty("speed").GetDouble());
        Assert.Equal(1.2, root.GetProperty("mileage").GetDouble());
        Assert.Equal("2025-01-29T22:33:44+08:00", root.GetProperty("time").GetString());
        Assert.False(root.TryGetProperty("satellites", out _));
    }

    [Fact]
    public void Format_frame_without_flags_or_with_spaces_gives_the_same_object()
    {
        var hex = Published.Location2019;
        var bare = hex[2..^2];
        var spaced = string.Join(' ', Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(2 * i, 2)));

        Assert.Equal(Jt808JsonWriter.Format(hex), Jt808JsonWriter.Format(bare));
        Assert.Equal(Jt808JsonWriter.Format(hex), Jt808JsonWriter.Format(spaced));
    }

    [Fact]
    public void Format_batch_gives_an_array_of_locations()
    {
        using var json = JsonDocument.Parse(Jt808JsonWriter.Format(Published.Batch2019));
        var locations = json.RootElement.GetProperty("locations");

        Assert.Equal("0x0704", json.RootElement.GetProperty("msg_id").GetString());
        Assert.Equal(2, locations.GetArrayLength());
        Assert.Equal(31.000563, locations[1].GetProperty("lat").GetDouble());
        Assert.Equal(777, locations[1].GetProperty("altitude").GetInt32());
        Assert.Equal("2024-10-29T21:39:03+08:00", locations[1].GetProperty("time").GetString());
    }

    [Theory]
    [InlineData("7e02zz7e", "bad_hex")]
    [InlineData("7e020", "bad_hex")]
    [InlineData("7e02004026010000000001391234432900000000006f0000001601dc9a07074562460042", "bad_check_code")]
    public void Format_bad_line_gives_an_error_object_with_the_input(string line, string code)
    {
        using var json = JsonDocument.Parse(Jt808JsonWriter.Format(line));
        var root = json.RootElement;

        Assert.Equal(code, root.GetProperty("error").GetString());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("message").GetString()));
        Assert.Equal(line, root.GetProperty("input").GetString());
    }

    [Fact]
    public void Format_location_with_impossible_time_gives_bad_time()
    {
        var frame = Location2013(LocationBody(time: "211305102030"));

        using var json = JsonDocument.Parse(Jt808JsonWriter.Format(Convert.ToHexString(frame)));

        Assert.Equal("bad_time", json.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public void Format_blank_line_gives_nothing()
    {
        Assert.Equal("", Jt808JsonWriter.Format("   "));
    }

    [Fact]
    public void Format_every_published_sample_line_gives_a_frame_object()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Samples", "Jt808", "published-frames.txt");
        var lines = File.ReadAllLines(path).Where(line => line.Length > 0 && !line.StartsWith('#')).ToArray();

        var objects = lines.Select(line => JsonDocument.Parse(Jt808JsonWriter.Format(line))).ToArray();

        Assert.Equal(5, objects.Length);
        Assert.All(objects, o => Assert.False(o.RootElement.TryGetProperty("error", out _)));
        Assert.Equal(["0x0200", "0x0704", "0x8001", "0x8100", "0x8003"],
            objects.Select(o => o.RootElement.GetProperty("msg_id").GetString()));
        Assert.Equal("ok..ok..ok", objects[3].RootElement.GetProperty("auth_code").GetString());
        foreach (var o in objects)
        {
            o.Dispose();
        }
    }
}
