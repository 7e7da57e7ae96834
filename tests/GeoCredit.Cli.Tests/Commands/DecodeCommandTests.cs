using System.Text.Json;

namespace GeoCredit.Cli.Tests.Commands;

public sealed class DecodeCommandTests
{
    private static string Samples(string name) => Path.Combine(AppContext.BaseDirectory, "Samples", name);

    private static JsonElement[] Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .ToArray();

    [Fact]
    public async Task Decode_ais_prints_one_object_per_message_and_an_error_per_bad_line_without_stopping()
    {
        // gpsd test/sample.aivdm (BSD-2-Clause): a type 1, then a bad line, then a two-part type 5.
        const string input = """
            !AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A
            this is not a sentence
            !AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C
            !AIVDM,2,2,1,A,88888888880,2*25
            """;

        var run = await CliRun.RunAsync(["decode", "--format", "ais"], input);

        Assert.Equal(0, run.ExitCode);
        var lines = Lines(run.Output);
        Assert.Equal(3, lines.Length);
        Assert.Equal(371798000, lines[0].GetProperty("mmsi").GetInt32());
        Assert.Equal(48.381633, lines[0].GetProperty("lat").GetDouble(), precision: 5);
        Assert.Equal(12.3, lines[0].GetProperty("speed").GetDouble());
        Assert.Equal("not_aivdm", lines[1].GetProperty("error").GetString());
        Assert.Equal("EVER DIADEM", lines[2].GetProperty("shipname").GetString());
        Assert.Equal(225, lines[2].GetProperty("to_bow").GetInt32());
    }

    [Fact]
    public async Task Decode_ais_file_of_gpsd_samples_decodes_every_line_or_says_why_not()
    {
        var run = await CliRun.RunAsync(["decode", "--format", "ais", Samples("Ais/gpsd-sample.aivdm")]);

        Assert.Equal(0, run.ExitCode);
        var lines = Lines(run.Output);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.True(l.TryGetProperty("mmsi", out _) || l.TryGetProperty("error", out _)));
    }

    [Fact]
    public async Task Decode_jt808_reads_one_hex_frame_per_line()
    {
        var frames = File.ReadAllLines(Samples("Jt808/published-frames.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToArray();

        var run = await CliRun.RunAsync(["decode", "--format", "jt808"], string.Join('\n', frames) + "\nzz-not-hex\n");

        Assert.Equal(0, run.ExitCode);
        var lines = Lines(run.Output);
        Assert.Contains(lines, l => l.TryGetProperty("msg_id", out var id) && id.GetString() == "0x0200");
        Assert.Equal("bad_hex", lines[^1].GetProperty("error").GetString());
    }

    [Fact]
    public async Task Decode_mds_prints_each_record_and_each_refused_record()
    {
        var run = await CliRun.RunAsync(["decode", "--format", "mds", Samples("Mds/mixed-events.json")]);

        Assert.Equal(0, run.ExitCode);
        var lines = Lines(run.Output);
        Assert.Contains(lines, l => l.TryGetProperty("device_id", out _));
        Assert.Contains(lines, l => l.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task Decode_of_a_missing_file_fails_with_a_clear_message()
    {
        var run = await CliRun.RunAsync(["decode", "--format", "ais", "/no/such/capture.nmea"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("No such file", run.Error, StringComparison.Ordinal);
    }
}
