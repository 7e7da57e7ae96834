using GeoCredit.Protocols.Ais;
using GeoCredit.Simulator.Feeds;
using Microsoft.Extensions.Time.Testing;

namespace GeoCredit.Simulator.Tests.Feeds;

public sealed class AisSentenceEncoderTests
{
    [Theory]
    [InlineData(413000123, 117.0312, 30.4955, 10.9, 74.3)]
    [InlineData(412345678, -71.6261, -40.3923, 0.0, 0.0)]
    [InlineData(367000001, 121.4931, 31.2402, 102.2, 359.9)]
    public void PositionReport_is_read_back_by_the_decoder_with_the_same_values(
        int mmsi, double lon, double lat, double knots, double course)
    {
        var sentence = AisSentenceEncoder.PositionReport(mmsi, lon, lat, knots, course, second: 42);

        var outcome = new AisDecoder(new FakeTimeProvider()).Decode(sentence.AsSpan());

        Assert.True(outcome.IsMessage, outcome.Rejection?.Message);
        Assert.Equal(1, outcome.Message.Type);
        Assert.Equal(mmsi, outcome.Message.Mmsi);
        var position = outcome.Message.Position!.Value;
        Assert.Equal(lon, position.Longitude!.Value, precision: 5);
        Assert.Equal(lat, position.Latitude!.Value, precision: 5);
        Assert.Equal(knots, position.Speed!.Value, precision: 1);
        Assert.Equal(course, position.Course!.Value, precision: 1);
        Assert.Null(position.Heading);
    }
}
