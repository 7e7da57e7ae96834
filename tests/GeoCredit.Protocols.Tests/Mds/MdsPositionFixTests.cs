using System.Text.Json.Nodes;
using GeoCredit.Core.Ingest;
using GeoCredit.Core.Tracking;
using GeoCredit.Protocols.Mds;
using Microsoft.Extensions.Time.Testing;
using static GeoCredit.Protocols.Tests.Mds.MdsTestDocuments;

namespace GeoCredit.Protocols.Tests.Mds;

public sealed class MdsPositionFixTests
{
    [Fact]
    public void ToPositionFix_event_gives_device_time_coordinates_and_operator()
    {
        var record = Assert.Single(Events(Event()).Records);

        var fix = record.ToPositionFix();

        Assert.Equal(Device, fix.ObjectId);
        Assert.Equal(ObjectKind.Bike, fix.Kind);
        Assert.Equal(new DateTimeOffset(2025, 3, 5, 2, 20, 30, 123, TimeSpan.Zero), fix.FixTime);
        Assert.Equal(116.397477, fix.Longitude);
        Assert.Equal(39.908692, fix.Latitude);
        Assert.Equal(270.0, fix.Heading);
        Assert.Equal(5.0, fix.AccuracyM);
        Assert.Equal(Provider.ToString("D"), fix.OperatorId);
        Assert.Equal(PositionSource.Mds, MdsPositionFix.Source);
    }

    [Theory]
    [InlineData(4.2, 15.12)]
    [InlineData(0.0, 0.0)]
    [InlineData(10.0, 36.0)]
    [InlineData(1.0 / 3.0, 1.2)]
    [InlineData(27.7778, 100.0)]
    public void ToPositionFix_speed_in_metres_per_second_becomes_kilometres_per_hour(double mps, double kmh)
    {
        var record = Assert.Single(Telemetries(Telemetry().With(t => t["location"]!["speed"] = mps)).Records);

        var fix = record.ToPositionFix();

        Assert.Equal(mps, record.Location.SpeedMps);
        Assert.Equal(kmh, fix.SpeedKmh!.Value, 0.001);
    }

    [Fact]
    public void ToPositionFix_speed_of_4_2_mps_reads_exactly_15_12_kmh()
    {
        var record = Assert.Single(Events(Event()).Records);

        Assert.Equal(15.12, record.ToPositionFix().SpeedKmh);
    }

    [Fact]
    public void ToPositionFix_without_optional_gps_fields_leaves_them_unset()
    {
        var bare = Event().With(e => e["location"] = new JsonObject { ["lat"] = 1, ["lng"] = 2 });

        var fix = Assert.Single(Events(bare).Records).ToPositionFix();

        Assert.Equal((2.0, 1.0), (fix.Longitude, fix.Latitude));
        Assert.Null(fix.SpeedKmh);
        Assert.Null(fix.Heading);
        Assert.Null(fix.AccuracyM);
    }

    [Fact]
    public void ToPositionFix_upper_case_device_id_gives_the_same_object()
    {
        var upper = Event().With(e => e["device_id"] = Device.ToUpperInvariant());

        var fixes = Events(Event(), upper).Records.Select(e => e.ToPositionFix().ObjectId);

        Assert.Equal([Device, Device], fixes);
    }

    [Fact]
    public void ToPositionFix_values_pass_the_position_validator_as_the_server_calls_it()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 5, 2, 21, 0, TimeSpan.Zero));
        var validator = new PositionValidator(clock);
        var fix = Assert.Single(Telemetries(Telemetry()).Records).ToPositionFix();

        var validation = validator.Validate(fix.ObjectId, fix.Kind, fix.FixTime, fix.Longitude, fix.Latitude,
            fix.SpeedKmh, course: null, fix.Heading, fix.AccuracyM, MdsPositionFix.Source);
        var report = validation.Report! with { OperatorId = fix.OperatorId };

        Assert.Null(validation.Rejection);
        Assert.Equal(Device, report.ObjectId);
        Assert.Equal(PositionSource.Mds, report.Source);
        Assert.Equal(15.12, report.SpeedKmh);
        Assert.Equal(Provider.ToString("D"), report.OperatorId);
    }

    [Fact]
    public void ToPositionFix_leaves_range_checks_to_the_position_validator()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 5, 2, 21, 0, TimeSpan.Zero));
        var offMap = Telemetry().With(t => t["location"]!["lat"] = 123.0);
        var fix = Assert.Single(Telemetries(offMap).Records).ToPositionFix();

        var validation = new PositionValidator(clock).Validate(fix.ObjectId, fix.Kind, fix.FixTime, fix.Longitude,
            fix.Latitude, fix.SpeedKmh, null, fix.Heading, fix.AccuracyM, MdsPositionFix.Source);

        Assert.Equal(RejectionReason.LatitudeOutOfRange, validation.Rejection?.Reason);
    }
}
