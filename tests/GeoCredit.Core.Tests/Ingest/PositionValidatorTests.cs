using GeoCredit.Core.Ingest;
using GeoCredit.Core.Tracking;
using Microsoft.Extensions.Time.Testing;

namespace GeoCredit.Core.Tests.Ingest;

public sealed class PositionValidatorTests
{
    private static readonly DateTimeOffset Now = new(2025, 5, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Now);

    private PositionValidator Validator => new(_clock);

    [Fact]
    public void Validate_good_fix_is_accepted_and_stamped_with_receive_time()
    {
        var fixTime = Now.AddSeconds(-30).ToOffset(TimeSpan.FromHours(8));

        var outcome = Validator.Validate("bike-1", ObjectKind.Bike, fixTime, 116.397, 39.909, 12.5, 90);

        Assert.Null(outcome.Rejection);
        var report = Assert.IsType<PositionReport>(outcome.Report);
        Assert.Equal(fixTime, report.FixTime);
        Assert.Equal(TimeSpan.Zero, report.FixTime.Offset);
        Assert.Equal(Now, report.ReceivedAt);
        Assert.Equal(116.397, report.Longitude);
        Assert.Equal(39.909, report.Latitude);
    }

    [Theory]
    [InlineData(null, RejectionReason.MissingObjectId)]
    [InlineData("", RejectionReason.MissingObjectId)]
    [InlineData("   ", RejectionReason.MissingObjectId)]
    public void Validate_without_object_id_is_refused(string? objectId, RejectionReason expected)
    {
        var outcome = Validator.Validate(objectId, ObjectKind.Truck, Now, 118.5, 37.4, null, null);

        Assert.Equal(expected, outcome.Rejection?.Reason);
        Assert.Null(outcome.Report);
    }

    [Fact]
    public void Validate_overlong_object_id_is_refused()
    {
        var outcome = Validator.Validate(new string('x', 65), ObjectKind.Truck, Now, 118.5, 37.4, null, null);

        Assert.Equal(RejectionReason.ObjectIdTooLong, outcome.Rejection?.Reason);
    }

    [Theory]
    [InlineData(180.0001, 0, RejectionReason.LongitudeOutOfRange)]
    [InlineData(-180.5, 0, RejectionReason.LongitudeOutOfRange)]
    [InlineData(double.NaN, 0, RejectionReason.LongitudeOutOfRange)]
    [InlineData(181, 0, RejectionReason.LongitudeOutOfRange)]
    [InlineData(0, 91, RejectionReason.LatitudeOutOfRange)]
    [InlineData(0, -90.1, RejectionReason.LatitudeOutOfRange)]
    [InlineData(0, double.NaN, RejectionReason.LatitudeOutOfRange)]
    public void Validate_coordinates_outside_wgs84_are_refused(double lon, double lat, RejectionReason expected)
    {
        var outcome = Validator.Validate("v", ObjectKind.Vessel, Now, lon, lat, null, null);

        Assert.Equal(expected, outcome.Rejection?.Reason);
    }

    [Theory]
    [InlineData(180.0, 90.0)]
    [InlineData(-180.0, -90.0)]
    [InlineData(0.0, 0.0)]
    public void Validate_coordinates_on_the_range_edges_are_accepted(double lon, double lat)
    {
        var outcome = Validator.Validate("v", ObjectKind.Vessel, Now, lon, lat, null, null);

        Assert.NotNull(outcome.Report);
    }

    [Fact]
    public void Validate_fix_just_inside_the_future_skew_is_accepted_and_just_outside_refused()
    {
        var inside = Validator.Validate("t", ObjectKind.Truck, Now.AddMinutes(5), 118, 37, null, null);
        var outside = Validator.Validate("t", ObjectKind.Truck, Now.AddMinutes(5).AddSeconds(1), 118, 37, null, null);

        Assert.NotNull(inside.Report);
        Assert.Equal(RejectionReason.TimeInFuture, outside.Rejection?.Reason);
    }

    [Fact]
    public void Validate_fix_older_than_max_age_is_refused()
    {
        var outcome = Validator.Validate("t", ObjectKind.Truck, Now.AddDays(-31), 118, 37, null, null);

        Assert.Equal(RejectionReason.TimeTooOld, outcome.Rejection?.Reason);
    }

    [Theory]
    [InlineData(-1.0, null, null, null, RejectionReason.SpeedOutOfRange)]
    [InlineData(401.0, null, null, null, RejectionReason.SpeedOutOfRange)]
    [InlineData(double.NaN, null, null, null, RejectionReason.SpeedOutOfRange)]
    [InlineData(null, 360.5, null, null, RejectionReason.CourseOutOfRange)]
    [InlineData(null, -0.1, null, null, RejectionReason.CourseOutOfRange)]
    [InlineData(null, null, 400.0, null, RejectionReason.HeadingOutOfRange)]
    [InlineData(null, null, null, -3.0, RejectionReason.AccuracyOutOfRange)]
    public void Validate_implausible_motion_values_are_refused(
        double? speed, double? course, double? heading, double? accuracy, RejectionReason expected)
    {
        var outcome = Validator.Validate("y", ObjectKind.Yacht, Now, 121.49, 31.24, speed, course, heading, accuracy);

        Assert.Equal(expected, outcome.Rejection?.Reason);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Rejection!.Message));
    }

    [Fact]
    public void Validate_every_refusal_has_a_stable_code()
    {
        foreach (var reason in Enum.GetValues<RejectionReason>())
        {
            Assert.Matches("^[a-z_]+$", reason.ToCode());
        }
    }
}
