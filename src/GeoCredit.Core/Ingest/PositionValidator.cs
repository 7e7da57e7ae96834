using GeoCredit.Core.Tracking;

namespace GeoCredit.Core.Ingest;

/// <summary>Limits that a fix must meet before it is stored.</summary>
public sealed record PositionLimits
{
    /// <summary>How far ahead of the server clock a device clock may run before its fixes are refused.</summary>
    public TimeSpan MaxFutureSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How old a fix may be and still be accepted (late uploads from a terminal's memory are normal).
    /// </summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromDays(30);

    /// <summary>The fastest speed any tracked object can plausibly report.</summary>
    public double MaxSpeedKmh { get; init; } = 400;

    public int MaxObjectIdLength { get; init; } = 64;
}

/// <summary>
/// Checks one decoded fix against physical and temporal limits. Shared by every ingest path so that the same
/// input is refused for the same reason whichever wire it came on. Thread-safe.
/// </summary>
public sealed class PositionValidator(TimeProvider clock, PositionLimits limits)
{
    public PositionValidator(TimeProvider clock)
        : this(clock, new PositionLimits())
    {
    }

    public PositionLimits Limits => limits;

    /// <summary>Validates a fix and stamps it with the server's receive time.</summary>
    /// <returns>The accepted report, or the reason it was refused.</returns>
    public PositionValidation Validate(
        string? objectId,
        ObjectKind kind,
        DateTimeOffset fixTime,
        double longitude,
        double latitude,
        double? speedKmh,
        double? course,
        double? heading = null,
        double? accuracyM = null,
        PositionSource source = PositionSource.Http)
    {
        if (string.IsNullOrWhiteSpace(objectId))
        {
            return Refuse(RejectionReason.MissingObjectId, "The object id is missing.");
        }

        if (objectId.Length > limits.MaxObjectIdLength)
        {
            return Refuse(RejectionReason.ObjectIdTooLong,
                $"The object id is {objectId.Length} characters; at most {limits.MaxObjectIdLength} are allowed.");
        }

        var now = clock.GetUtcNow();
        if (fixTime - now > limits.MaxFutureSkew)
        {
            return Refuse(RejectionReason.TimeInFuture,
                $"The fix time {fixTime:O} is more than {limits.MaxFutureSkew.TotalMinutes:0} minutes " +
                "ahead of the server clock.");
        }

        if (now - fixTime > limits.MaxAge)
        {
            return Refuse(RejectionReason.TimeTooOld,
                $"The fix time {fixTime:O} is older than {limits.MaxAge.TotalDays:0} days.");
        }

        if (!(longitude is >= -180 and <= 180))
        {
            return Refuse(RejectionReason.LongitudeOutOfRange, $"Longitude {longitude} is outside -180 to 180.");
        }

        if (!(latitude is >= -90 and <= 90))
        {
            return Refuse(RejectionReason.LatitudeOutOfRange, $"Latitude {latitude} is outside -90 to 90.");
        }

        if (speedKmh is { } speed && !(speed >= 0 && speed <= limits.MaxSpeedKmh))
        {
            return Refuse(RejectionReason.SpeedOutOfRange,
                $"Speed {speed} km/h is outside 0 to {limits.MaxSpeedKmh} km/h.");
        }

        if (course is { } c && !(c is >= 0 and <= 360))
        {
            return Refuse(RejectionReason.CourseOutOfRange, $"Course {c} is outside 0 to 360 degrees.");
        }

        if (heading is { } h && !(h is >= 0 and <= 360))
        {
            return Refuse(RejectionReason.HeadingOutOfRange, $"Heading {h} is outside 0 to 360 degrees.");
        }

        if (accuracyM is { } a && !(a is >= 0 and < 100_000))
        {
            return Refuse(RejectionReason.AccuracyOutOfRange, $"Accuracy {a} m is not a plausible accuracy.");
        }

        var report = new PositionReport(
            objectId, kind, ToStoredPrecision(fixTime), ToStoredPrecision(now), longitude, latitude,
            speedKmh, course, heading, accuracyM, source);
        return new PositionValidation(report, null);
    }

    /// <summary>PostgreSQL keeps microseconds: a report carries exactly the time that will be stored, in UTC.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % 10, TimeSpan.Zero);

    private static PositionValidation Refuse(RejectionReason reason, string message) =>
        new(null, new Rejection(reason, message));
}

/// <summary>The outcome of <see cref="PositionValidator.Validate"/>: exactly one of the two is set.</summary>
public readonly record struct PositionValidation(PositionReport? Report, Rejection? Rejection);
