namespace GeoCredit.Core.Ingest;

/// <summary>Why an input was refused. Every refusal is counted under one of these.</summary>
public enum RejectionReason
{
    MalformedRecord,
    MissingObjectId,
    ObjectIdTooLong,
    UnknownObjectKind,
    MissingTime,
    InvalidTime,
    TimeInFuture,
    TimeTooOld,
    LongitudeOutOfRange,
    LatitudeOutOfRange,
    SpeedOutOfRange,
    CourseOutOfRange,
    HeadingOutOfRange,
    AccuracyOutOfRange,
}

/// <summary>The stable snake_case codes that replies and counters use for <see cref="RejectionReason"/>.</summary>
public static class RejectionReasons
{
    public static string ToCode(this RejectionReason reason) => reason switch
    {
        RejectionReason.MalformedRecord => "malformed_record",
        RejectionReason.MissingObjectId => "missing_object_id",
        RejectionReason.ObjectIdTooLong => "object_id_too_long",
        RejectionReason.UnknownObjectKind => "unknown_object_kind",
        RejectionReason.MissingTime => "missing_time",
        RejectionReason.InvalidTime => "invalid_time",
        RejectionReason.TimeInFuture => "time_in_future",
        RejectionReason.TimeTooOld => "time_too_old",
        RejectionReason.LongitudeOutOfRange => "longitude_out_of_range",
        RejectionReason.LatitudeOutOfRange => "latitude_out_of_range",
        RejectionReason.SpeedOutOfRange => "speed_out_of_range",
        RejectionReason.CourseOutOfRange => "course_out_of_range",
        RejectionReason.HeadingOutOfRange => "heading_out_of_range",
        RejectionReason.AccuracyOutOfRange => "accuracy_out_of_range",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown rejection reason."),
    };
}

/// <summary>A refused input: the reason to count, and a sentence a person can act on.</summary>
public sealed record Rejection(RejectionReason Reason, string Message)
{
    public string Code => Reason.ToCode();
}
