using GeoCredit.Protocols.Ais;

namespace GeoCredit.Protocols.Tests.Ais;

public sealed class AisMessageTests
{
    private static readonly DateTimeOffset Received = new(2025, 5, 1, 12, 30, 20, 400, TimeSpan.Zero);

    [Theory]
    [InlineData(1, true, false)]
    [InlineData(2, true, false)]
    [InlineData(3, true, false)]
    [InlineData(4, true, false)]
    [InlineData(5, false, true)]
    [InlineData(18, true, false)]
    [InlineData(19, true, true)]
    [InlineData(21, true, true)]
    [InlineData(24, false, true)]
    [InlineData(27, true, false)]
    [InlineData(9, false, false)]
    [InlineData(0, false, false)]
    public void CarriesPosition_and_CarriesStaticData_follow_the_message_type(int type, bool position, bool data)
    {
        Assert.Equal(position, AisMessageTypes.CarriesPosition(type));
        Assert.Equal(data, AisMessageTypes.CarriesStaticData(type));
        Assert.Equal(position || data, AisMessageTypes.IsSupported(type));
    }

    [Theory]
    [InlineData(15, "2025-05-01T12:30:15Z")]
    [InlineData(20, "2025-05-01T12:30:20Z")]
    [InlineData(25, "2025-05-01T12:29:25Z")]
    [InlineData(23, "2025-05-01T12:30:23Z")]
    [InlineData(24, "2025-05-01T12:30:24Z")]
    [InlineData(26, "2025-05-01T12:29:26Z")]
    public void FixTime_puts_the_second_of_the_report_at_or_just_before_reception(int second, string expected)
    {
        var message = new AisMessage { Type = 1, Position = Report(second) };

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            message.FixTime(Received));
    }

    [Fact]
    public void FixTime_without_a_second_is_the_reception_time()
    {
        var message = new AisMessage { Type = 1, Position = Report(null) };

        Assert.Equal(Received, message.FixTime(Received));
    }

    [Fact]
    public void FixTime_prefers_the_tag_block_time_and_the_base_station_time()
    {
        var stationTime = new DateTimeOffset(2025, 5, 1, 8, 0, 10, TimeSpan.Zero);
        var withTag = new AisMessage
        {
            Type = 1,
            Position = Report(5),
            Reception = new AisReception('A', false, "rx", stationTime),
        };
        var baseStation = new AisMessage { Type = 4, Timestamp = stationTime.AddHours(1) };

        Assert.Equal(stationTime.AddSeconds(-5), withTag.FixTime(Received));
        Assert.Equal(stationTime.AddHours(1), baseStation.FixTime(Received));
    }

    [Fact]
    public void SpeedKmh_converts_knots()
    {
        var report = Report(0) with { Speed = 10 };

        Assert.Equal(18.52, report.SpeedKmh!.Value, 1e-9);
    }

    private static AisPositionReport Report(int? second) =>
        new(54.5, 10.25, true, 0, 0, 0, null, 0, second, false);
}
