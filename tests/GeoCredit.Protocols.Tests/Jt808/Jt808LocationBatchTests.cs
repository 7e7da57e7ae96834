using GeoCredit.Protocols.Jt808;
using static GeoCredit.Protocols.Tests.Jt808.Jt808TestFrames;

namespace GeoCredit.Protocols.Tests.Jt808;

public sealed class Jt808LocationBatchTests
{
    [Fact]
    public void Decode_batch_sample_gives_published_reports()
    {
        var body = Assert.Single(Jt808ReaderLoop.ReadAll(Hex(Published.Batch2019))).Body;

        var decoded = Jt808LocationBatch.TryDecode(body, out var batch, out var rejection);
        var reports = new List<(double Lat, double Lon, int Alt, double Speed, int Dir, DateTimeOffset Time)>();
        foreach (var report in batch)
        {
            reports.Add((report.Latitude, report.Longitude, report.Altitude, report.SpeedKmh, report.Direction,
                report.Time));
        }

        Assert.True(decoded, rejection.Message);
        Assert.Equal(2, batch.Count);
        Assert.False(batch.IsBlindAreaReupload);
        var time = new DateTimeOffset(2024, 10, 29, 21, 39, 3, TimeSpan.FromHours(8));
        Assert.Equal(2, reports.Count);
        Assert.Equal((31.000562, 121.451372, 666, 3.3, 89, time), Rounded(reports[0]));
        Assert.Equal((31.000563, 121.451373, 777, 6.7, 90, time), Rounded(reports[1]));
    }

    [Fact]
    public void Decode_blind_area_batch_is_marked_as_reupload()
    {
        var first = LocationBody(time: "240101080000");
        var second = LocationBody(time: "240101080100", items: [Item(0x31, 7)]);
        byte[] body = [.. U16(2), 1, .. U16(first.Length), .. first, .. U16(second.Length), .. second];

        Jt808LocationBatch.TryDecode(body, out var batch, out _);
        var satellites = new List<byte?>();
        foreach (var report in batch)
        {
            satellites.Add(report.SatelliteCount);
        }

        Assert.True(batch.IsBlindAreaReupload);
        Assert.Equal([null, (byte)7], satellites);
    }

    [Fact]
    public void Decode_batch_ending_before_its_count_refuses_truncated_body()
    {
        var item = LocationBody();
        byte[] body = [.. U16(2), 0, .. U16(item.Length), .. item];

        var decoded = Jt808LocationBatch.TryDecode(body, out _, out var rejection);

        Assert.False(decoded);
        Assert.Equal("truncated_body", rejection.Code);
    }

    [Fact]
    public void Decode_batch_with_bytes_after_the_last_report_refuses_body_length_mismatch()
    {
        var item = LocationBody();
        byte[] body = [.. U16(1), 0, .. U16(item.Length), .. item, 0x00];

        Jt808LocationBatch.TryDecode(body, out _, out var rejection);

        Assert.Equal("body_length_mismatch", rejection.Code);
    }

    [Fact]
    public void Decode_batch_with_a_bad_report_gives_that_reports_reason()
    {
        var item = LocationBody(time: "241399000000");
        byte[] body = [.. U16(1), 0, .. U16(item.Length), .. item];

        Jt808LocationBatch.TryDecode(body, out _, out var rejection);

        Assert.Equal("bad_time", rejection.Code);
        Assert.StartsWith("Report 1", rejection.Message, StringComparison.Ordinal);
    }

    private static (double, double, int, double, int, DateTimeOffset) Rounded(
        (double Lat, double Lon, int Alt, double Speed, int Dir, DateTimeOffset Time) r) =>
        (Math.Round(r.Lat, 6), Math.Round(r.Lon, 6), r.Alt, Math.Round(r.Speed, 1), r.Dir, r.Time);
}
