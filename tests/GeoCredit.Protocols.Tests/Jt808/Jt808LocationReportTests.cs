using GeoCredit.Protocols.Jt808;
using static GeoCredit.Protocols.Tests.Jt808.Jt808TestFrames;

namespace GeoCredit.Protocols.Tests.Jt808;

public sealed class Jt808LocationReportTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Fact]
    public void Decode_location_report_sample_gives_published_values()
    {
        var body = Assert.Single(Jt808ReaderLoop.ReadAll(Hex(Published.Location2019))).Body;

        var decoded = Jt808LocationReport.TryDecode(body, out var report, out var rejection);

        Assert.True(decoded, rejection.Message);
        Assert.Equal(111u, report.Alarm);
        Assert.Equal(22u, report.Status);

        // Status 22 = bits 1, 2 and 4: positioned, south latitude, east longitude.
        Assert.True(report.IsPositioned);
        Assert.Equal(-31.234567, report.Latitude, 9);
        Assert.Equal(121.987654, report.Longitude, 9);
        Assert.Equal(123, report.Altitude);
        Assert.Equal(6.6, report.SpeedKmh, 9);
        Assert.Equal(3, report.Direction);
        Assert.Equal(new DateTimeOffset(2025, 1, 29, 22, 33, 44, Beijing), report.Time);
        Assert.Equal(10.0, report.FuelLitres);
        Assert.Equal(1.2, report.MileageKm!.Value, 9);
        Assert.Null(report.SatelliteCount);
    }

    [Fact]
    public void Decode_built_2013_location_report_gives_every_basic_field()
    {
        // Alarm bit 1 (overspeed), status bits 0 (ACC on) and 1 (positioned), Tiananmen at 60.5 km/h heading west.
        var frame = Location2013(LocationBody(alarm: 0b10, status: 0b11, latitude: 39_908_692, longitude: 116_397_477,
            altitude: 44, speed: 605, direction: 270, time: "210305102030"));
        var read = Assert.Single(Jt808ReaderLoop.ReadAll(frame));

        Jt808LocationReport.TryDecode(read.Body, out var report, out _);

        Assert.Equal(Jt808Version.V2013, read.Header.Version);
        Assert.Equal(2u, report.Alarm);
        Assert.Equal(3u, report.Status);
        Assert.Equal(39.908692, report.Latitude, 9);
        Assert.Equal(116.397477, report.Longitude, 9);
        Assert.Equal(44, report.Altitude);
        Assert.Equal(605, report.SpeedTenthsKmh);
        Assert.Equal(60.5, report.SpeedKmh, 9);
        Assert.Equal(270, report.Direction);
        Assert.Equal(new DateTimeOffset(2021, 3, 5, 10, 20, 30, Beijing), report.Time);
        Assert.True(report.AdditionalItems.IsEmpty);
    }

    [Theory]
    [InlineData(0b0010u, 1, 1)]
    [InlineData(0b0110u, -1, 1)]
    [InlineData(0b1010u, 1, -1)]
    [InlineData(0b1110u, -1, -1)]
    public void Decode_south_and_west_status_bits_make_coordinates_negative(uint status, int latSign, int lonSign)
    {
        var body = LocationBody(status: status, latitude: 33_868_820, longitude: 151_209_296);

        Jt808LocationReport.TryDecode(body, out var report, out _);

        Assert.Equal(latSign * 33.868820, report.Latitude, 9);
        Assert.Equal(lonSign * 151.209296, report.Longitude, 9);
    }

    [Fact]
    public void Decode_status_without_bit_1_is_not_positioned()
    {
        Jt808LocationReport.TryDecode(LocationBody(status: 0b1), out var report, out _);

        Assert.False(report.IsPositioned);
    }

    [Fact]
    public void Decode_bcd_time_is_beijing_time()
    {
        Jt808LocationReport.TryDecode(LocationBody(time: "231231235959"), out var report, out _);

        Assert.Equal(Beijing, report.Time.Offset);
        Assert.Equal(new DateTime(2023, 12, 31, 15, 59, 59, DateTimeKind.Utc), report.Time.UtcDateTime);
    }

    [Theory]
    [InlineData("230230101010", "bad_time")]
    [InlineData("231301101010", "bad_time")]
    [InlineData("230101241010", "bad_time")]
    [InlineData("000000000000", "bad_time")]
    [InlineData("23010110101A", "bad_bcd")]
    public void Decode_impossible_time_is_refused(string time, string code)
    {
        var body = LocationBody(time: "230101101010");
        Hex(time).CopyTo(body, 22);

        var decoded = Jt808LocationReport.TryDecode(body, out _, out var rejection);

        Assert.False(decoded);
        Assert.Equal(code, rejection.Code);
    }

    [Fact]
    public void Decode_leap_day_is_a_real_date()
    {
        Assert.True(Jt808LocationReport.TryDecode(LocationBody(time: "240229000000"), out _, out _));
    }

    [Fact]
    public void Decode_additional_items_fills_known_values_and_keeps_unknown_ones_raw()
    {
        var body = LocationBody(items:
        [
            Item(0x01, U32(123_456)),            // mileage 12345.6 km
            Item(0x02, U16(523)),                // fuel 52.3 L
            Item(0x03, U16(610)),                // recorder speed 61.0 km/h
            Item(0x25, U32(0x0000_0003)),        // extended signal status: low and high beam
            Item(0x2A, U16(0x0001)),             // IO status: deep sleep
            Item(0x30, 27),                      // network signal strength
            Item(0x31, 12),                      // satellites
            Item(0xE1, 0xCA, 0xFE, 0x00),        // vendor item, kept raw
        ]);

        Jt808LocationReport.TryDecode(body, out var report, out _);
        var ids = new List<byte>();
        byte[]? vendor = null;
        foreach (var item in report.EnumerateAdditionalItems())
        {
            ids.Add(item.Id);
            vendor = item.IsKnown ? vendor : item.Value.ToArray();
        }

        Assert.Equal(123_456u, report.MileageTenthsKm);
        Assert.Equal(12345.6, report.MileageKm!.Value, 9);
        Assert.Equal(52.3, report.FuelLitres!.Value, 9);
        Assert.Equal(61.0, report.RecorderSpeedKmh!.Value, 9);
        Assert.Equal(3u, report.ExtendedSignalStatus);
        Assert.Equal((ushort)1, report.IoStatus);
        Assert.Equal((byte)27, report.SignalStrength);
        Assert.Equal((byte)12, report.SatelliteCount);
        Assert.Equal(new byte[] { 0x01, 0x02, 0x03, 0x25, 0x2A, 0x30, 0x31, 0xE1 }, ids);
        Assert.Equal(new byte[] { 0xCA, 0xFE, 0x00 }, vendor);
    }

    [Theory]
    [InlineData("0104000000")]
    [InlineData("01")]
    [InlineData("3102000C")]
    [InlineData("01030000FF")]
    public void Decode_overrunning_or_misshapen_item_refuses_bad_additional_item(string items)
    {
        byte[] body = [.. LocationBody(), .. Hex(items)];

        var decoded = Jt808LocationReport.TryDecode(body, out _, out var rejection);

        Assert.False(decoded);
        Assert.Equal("bad_additional_item", rejection.Code);
    }

    [Fact]
    public void Decode_body_shorter_than_basic_information_refuses_truncated_body()
    {
        var decoded = Jt808LocationReport.TryDecode(LocationBody().AsSpan(..27), out _, out var rejection);

        Assert.False(decoded);
        Assert.Equal("truncated_body", rejection.Code);
        Assert.Contains("27", rejection.Message, StringComparison.Ordinal);
    }
}
