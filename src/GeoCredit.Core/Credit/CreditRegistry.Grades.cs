using GeoCredit.Core.Ingest;

namespace GeoCredit.Core.Credit;

public sealed partial class CreditRegistry
{
    /// <summary>
    /// Gives a subject a level of a scheme from a time on, ending the grade it supersedes. A late report
    /// (dated before a grade already held) fills the history up to that later grade and overrides nothing
    /// after it; a grade with the same start as an existing one corrects it. A grade dated in the future
    /// takes effect at its time: the change says when, and the server re-evaluates then.
    /// </summary>
    /// <returns>
    /// The change, or null when the level already held at that time: a repeated level changes nothing, and the
    /// grade in force keeps its original start, source and reason.
    /// </returns>
    /// <exception cref="KeyNotFoundException">The scheme is unknown.</exception>
    /// <exception cref="ArgumentException">The level is not one of the scheme's.</exception>
    public GradeChange? SetGrade(
        SubjectRef subject,
        string schemeId,
        string level,
        DateTimeOffset validFrom,
        string source,
        string reason)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(reason);
        var scheme = Scheme(schemeId);
        if (!scheme.TryParseLevel(level, out var canonical))
        {
            throw new ArgumentException($"'{level}' is not a level of scheme '{scheme.Id}'.", nameof(level));
        }

        // Storage keeps microseconds; a grade in memory starts exactly when the reloaded one will.
        var at = PositionValidator.ToStoredPrecision(validFrom);
        var grade = new Grade(subject, scheme.Id, canonical, at, null, source, reason);

        lock (_writeLock)
        {
            var credit = Snapshot(subject);
            var history = credit.GradesIn(scheme.Id);
            var holding = Timeline.IndexAt(history, at);
            var oldLevel = holding >= 0 ? history[holding].Level : null;
            if (oldLevel == canonical)
            {
                return null;
            }

            _subjects[subject] = credit.WithGrades(scheme.Id, Timeline.Insert(history, grade));
            return new GradeChange(subject, scheme.Id, oldLevel, canonical, at, source, reason,
                GradeChange.KindOf(scheme, oldLevel, canonical));
        }
    }

    /// <inheritdoc cref="SetGrade(SubjectRef, string, string, DateTimeOffset, string, string)"/>
    public GradeChange? SetGrade(GradeAssignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        return SetGrade(assignment.Subject, assignment.SchemeId, assignment.Level, assignment.ValidFrom,
            assignment.Source, assignment.Reason);
    }

    /// <summary>
    /// Applies assignments in order (the good rows of an import); returns only those that changed a grade.
    /// </summary>
    public IReadOnlyList<GradeChange> Apply(IEnumerable<GradeAssignment> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);

        var changes = new List<GradeChange>();
        foreach (var assignment in assignments)
        {
            if (SetGrade(assignment) is { } change)
            {
                changes.Add(change);
            }
        }

        return changes;
    }

    /// <summary>
    /// Ends a subject's grade in a scheme at a time with nothing after it: the subject is taken off the
    /// key-supervision list, or a grade lapses. The ended grade keeps its row, with its end set.
    /// </summary>
    /// <returns>The change, or null when no grade held at that time.</returns>
    public GradeChange? ClearGrade(SubjectRef subject, string schemeId, DateTimeOffset at, string source, string reason)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(reason);
        var scheme = Scheme(schemeId);
        var time = PositionValidator.ToStoredPrecision(at);

        lock (_writeLock)
        {
            var credit = Snapshot(subject);
            var history = credit.GradesIn(scheme.Id);
            var holding = Timeline.IndexAt(history, time);
            if (holding < 0)
            {
                return null;
            }

            var oldLevel = history[holding].Level;
            _subjects[subject] = credit.WithGrades(scheme.Id, Timeline.EndAt(history, holding, time));
            return new GradeChange(subject, scheme.Id, oldLevel, null, time, source, reason, GradeChangeKind.Cleared);
        }
    }

    /// <summary>
    /// The grade a subject held in a scheme at a moment, so an alert can show the grade then. Lock-free.
    /// </summary>
    public Grade? GradeAt(SubjectRef subject, string schemeId, DateTimeOffset time)
    {
        if (!_subjects.TryGetValue(subject, out var credit))
        {
            return null;
        }

        var history = credit.GradesIn(schemeId);
        var index = Timeline.IndexAt(history, time);
        return index >= 0 ? history[index] : null;
    }

    /// <summary>The grade a subject holds in a scheme now. Lock-free.</summary>
    public Grade? Current(SubjectRef subject, string schemeId) => GradeAt(subject, schemeId, clock.GetUtcNow());

    /// <summary>Every grade a subject held at a moment, one per scheme.</summary>
    public IReadOnlyList<Grade> GradesAt(SubjectRef subject, DateTimeOffset time)
    {
        if (!_subjects.TryGetValue(subject, out var credit))
        {
            return [];
        }

        var grades = new List<Grade>(credit.Grades.Length);
        foreach (var history in credit.Grades)
        {
            var index = Timeline.IndexAt(history.Grades, time);
            if (index >= 0)
            {
                grades.Add(history.Grades[index]);
            }
        }

        return grades;
    }

    /// <summary>A subject's grade history in a scheme, oldest first.</summary>
    public IReadOnlyList<Grade> History(SubjectRef subject, string schemeId) =>
        _subjects.TryGetValue(subject, out var credit) ? credit.GradesIn(schemeId) : [];

    /// <summary>Whether a subject was on the key-supervision list at a moment.</summary>
    public bool IsListed(SubjectRef subject, DateTimeOffset time) =>
        GradeAt(subject, GradeScheme.Supervision.Id, time) is not null;
}
