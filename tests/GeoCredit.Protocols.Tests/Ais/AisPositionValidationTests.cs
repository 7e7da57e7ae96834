using GeoCredit.Core.Ingest;
using GeoCredit.Core.Tracking;
using GeoCredit.Protocols.Ais;
using Microsoft.Extensions.Time.Testing;

namespace GeoCredit.Protocols.Tests.Ais;

public sealed class AisPositionValidationTests
{
    private static readonly DateTimeOffset Now = new(2025, 5, 1, 12, 0, 40, TimeSpan.Zero);

    private readonly PositionValidator _validator = new(new FakeTimeProvider(Now));
    private readonly AisDecoder _decoder = AisSentences.NewDecoder(out _);

    [Fact]
    public void ValidateAis_type1_gives_a_vessel_report_in_kmh_with_the_fix_second()
    {
        // gpsd test/sample.aivdm, type 1 "From Kurt Schwehr" (BSD-2-Clause): 12.3 knots, second 33.
        var message = _decoder.DecodeMessage("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A");

        var validation = _validator.ValidateAis(message, Now)!.Value;

        var report = Assert.IsType<PositionReport>(validation.Report);
        Assert.Equal("371798000", report.ObjectId);
        Assert.Equal(ObjectKind.Vessel, report.Kind);
        Assert.Equal(PositionSource.Ais, report.Source);
        Assert.Equal(new DateTimeOffset(2025, 5, 1, 12, 0, 33, TimeSpan.Zero), report.FixTime);
        Assert.Equal(12.3 * 1.852, report.SpeedKmh!.Value, 1e-9);
        Assert.Equal(215, report.Heading);
        Assert.Equal(10, report.AccuracyM);
    }

    [Fact]
    public void ValidateAis_message_without_a_fix_gives_nothing()
    {
        // pyais tests/test_decode.py, test_empty_channel (MIT): latitude 91, longitude 181.
        var message = _decoder.DecodeMessage("!AIVDO,1,1,,,B>qc:003wk?8mP=18D3Q3wgTiT;T,0*13");

        Assert.Null(_validator.ValidateAis(message, Now));
    }

    [Fact]
    public void ValidateAis_static_message_gives_nothing()
    {
        var message = _decoder.DecodeMessage("!AIVDM,1,1,,A,H42O55i18tMET00000000000000,2*6D");

        Assert.Null(_validator.ValidateAis(message, Now));
    }
}
