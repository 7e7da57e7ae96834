namespace GeoCredit.Core.Credit;

/// <summary>
/// A grade to give a subject, as read from an import or worked out by a periodic rating; apply it with
/// <see cref="CreditRegistry.SetGrade(GradeAssignment)"/> or <see cref="CreditRegistry.Apply"/>.
/// </summary>
/// <param name="Row">The row of the import it came from (1 for the first row after a CSV header); 0 when not
/// imported.</param>
/// <param name="Subject">Who gets the grade.</param>
/// <param name="SchemeId">The scheme's id, as the registry spells it.</param>
/// <param name="Level">The level, as the scheme spells it.</param>
/// <param name="ValidFrom">When it takes effect.</param>
/// <param name="Source">Where it came from.</param>
/// <param name="Reason">Why; may be empty.</param>
public sealed record GradeAssignment(
    int Row,
    SubjectRef Subject,
    string SchemeId,
    string Level,
    DateTimeOffset ValidFrom,
    string Source,
    string Reason);

/// <summary>Why a row of a grade import was refused.</summary>
public enum GradeImportProblem
{
    /// <summary>
    /// The file as a whole cannot be read: no CSV header with the required columns, or not a JSON array.
    /// </summary>
    MalformedDocument,

    /// <summary>
    /// The row cannot be read: wrong number of fields, broken quoting, a value of the wrong type or too long.
    /// </summary>
    MalformedRow,

    UnknownSubjectKind,
    MissingSubjectId,
    UnknownScheme,
    UnknownLevel,

    /// <summary>The valid-from time is not ISO 8601 with an offset, or is implausibly early or far ahead.</summary>
    BadValidFrom,

    /// <summary>
    /// An earlier row of the same import already grades this subject in this scheme from the same time.
    /// </summary>
    DuplicateRow,
}

/// <summary>The stable snake_case codes that import replies use for <see cref="GradeImportProblem"/>.</summary>
public static class GradeImportProblems
{
    public static IReadOnlyList<GradeImportProblem> All { get; } = Enum.GetValues<GradeImportProblem>();

    public static string ToCode(this GradeImportProblem problem) => problem switch
    {
        GradeImportProblem.MalformedDocument => "malformed_document",
        GradeImportProblem.MalformedRow => "malformed_row",
        GradeImportProblem.UnknownSubjectKind => "unknown_subject_kind",
        GradeImportProblem.MissingSubjectId => "missing_subject_id",
        GradeImportProblem.UnknownScheme => "unknown_scheme",
        GradeImportProblem.UnknownLevel => "unknown_level",
        GradeImportProblem.BadValidFrom => "bad_valid_from",
        GradeImportProblem.DuplicateRow => "duplicate_row",
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, "Unknown import problem."),
    };
}

/// <summary>A refused row: where it is, why, and a sentence the person who made the file can act on.</summary>
/// <param name="Row">The data row (1 for the first row after a CSV header, or the first element of a JSON array); 0 for
/// the file as a whole.</param>
/// <param name="Line">The line of a CSV file where the row starts; null for JSON.</param>
/// <param name="Problem">Why it was refused.</param>
/// <param name="Message">What is wrong, naming the value.</param>
public sealed record GradeImportError(int Row, int? Line, GradeImportProblem Problem, string Message)
{
    public string Code => Problem.ToCode();
}

/// <summary>
/// What an import read: the grades to apply from the good rows, in file order, and one error for each bad row.
/// Every data row counts in <see cref="Rows"/> and ends up in exactly one of the two lists.
/// </summary>
public sealed record GradeImportResult(
    IReadOnlyList<GradeAssignment> Assignments,
    IReadOnlyList<GradeImportError> Errors,
    int Rows)
{
    public bool IsClean => Errors.Count == 0;
}
