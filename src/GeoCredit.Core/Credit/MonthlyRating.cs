namespace GeoCredit.Core.Credit;

/// <summary>A calendar month, the period of the periodic ratings.</summary>
public readonly record struct CreditMonth
{
    /// <exception cref="ArgumentOutOfRangeException">The year is not 1 to 9998 or the month not 1 to 12.</exception>
    public CreditMonth(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        Year = year;
        Month = month;
    }

    public int Year { get; }

    public int Month { get; }

    /// <summary>The month a moment falls in, on the calendar of a time zone offset (+08:00 in China).</summary>
    public static CreditMonth Of(DateTimeOffset time, TimeSpan offset)
    {
        var local = time.ToOffset(offset);
        return new CreditMonth(local.Year, local.Month);
    }

    public CreditMonth Next() => Month == 12 ? new CreditMonth(Year + 1, 1) : new CreditMonth(Year, Month + 1);

    /// <summary>Midnight on the first day of the month, at an offset.</summary>
    public DateTimeOffset Start(TimeSpan offset) => new(Year, Month, 1, 0, 0, 0, offset);

    public override string ToString() => $"{Year:D4}-{Month:D2}";
}

/// <summary>Points (deductions, or a count of violations) against a subject in a month.</summary>
public sealed record MonthlyPoints(SubjectRef Subject, CreditMonth Month, decimal Points);

/// <summary>The level a subject is rated for a month, from its points.</summary>
public sealed record MonthlyLevel(SubjectRef Subject, CreditMonth Month, decimal Points, string SchemeId, string Level)
{
    /// <summary>
    /// The grade to apply: a month's rating holds from the first day of the next month (a May rating is
    /// published for June), at the offset of the authority's calendar.
    /// </summary>
    public GradeAssignment ToAssignment(TimeSpan offset, string source) =>
        new(0, Subject, SchemeId, Level, Month.Next().Start(offset), source,
            $"monthly rating {Month}: {Points} points");
}

/// <summary>
/// A periodic rating that turns a month's points into a level: terminals rated blue/green/yellow/red from the
/// deductions of the vessels they let berth, companies rated low/medium/high risk from their violations. The
/// thresholds are the most points each level allows, best level first; more than the last threshold is the
/// worst level. Pure, immutable and thread-safe.
/// </summary>
/// <remarks>
/// The defaults below (<see cref="Terminal"/>, <see cref="CompanyRisk"/>) are placeholders of a plausible shape,
/// not published figures: each authority sets its own thresholds, and configures them here.
/// </remarks>
public sealed class MonthlyRating
{
    private readonly decimal[] _thresholds;

    /// <param name="scheme">The scheme rated into.</param>
    /// <param name="thresholds">The most points each level but the worst allows, best first, strictly rising.</param>
    /// <exception cref="ArgumentException">There is not one threshold per level but the worst, or they do not
    /// rise.</exception>
    public MonthlyRating(GradeScheme scheme, IReadOnlyList<decimal> thresholds)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(thresholds);
        if (thresholds.Count != scheme.Levels.Count - 1)
        {
            throw new ArgumentException(
                $"Scheme '{scheme.Id}' has {scheme.Levels.Count} levels: give {scheme.Levels.Count - 1} thresholds.",
                nameof(thresholds));
        }

        for (var i = 1; i < thresholds.Count; i++)
        {
            if (thresholds[i] <= thresholds[i - 1])
            {
                throw new ArgumentException("Thresholds must rise strictly from the best level to the worst.",
                    nameof(thresholds));
            }
        }

        Scheme = scheme;
        _thresholds = [.. thresholds];
    }

    /// <summary>Terminals: blue up to 5 deduction points, green up to 15, yellow up to 30, red above.</summary>
    public static MonthlyRating Terminal { get; } = new(GradeScheme.Terminal, [5m, 15m, 30m]);

    /// <summary>Company risk from violations in the month: low up to 2, medium up to 5, high above.</summary>
    public static MonthlyRating CompanyRisk { get; } = new(GradeScheme.Risk, [2m, 5m]);

    public GradeScheme Scheme { get; }

    public IReadOnlyList<decimal> Thresholds => _thresholds;

    /// <summary>The level for a month's points; no points (or a net bonus) is the best level.</summary>
    public string LevelFor(decimal points)
    {
        for (var i = 0; i < _thresholds.Length; i++)
        {
            if (points <= _thresholds[i])
            {
                return Scheme.Levels[i];
            }
        }

        return Scheme.Worst;
    }

    /// <summary>
    /// Rates every subject in every month the points mention; several entries for one subject and month are
    /// added up (pass each deduction as it happened). Ordered by month, then subject.
    /// </summary>
    public IReadOnlyList<MonthlyLevel> Rate(IEnumerable<MonthlyPoints> points)
    {
        ArgumentNullException.ThrowIfNull(points);

        return points
            .GroupBy(entry => (entry.Subject, entry.Month))
            .Select(group => Level(group.Key.Subject, group.Key.Month, group.Sum(entry => entry.Points)))
            .OrderBy(level => level.Month.Year)
            .ThenBy(level => level.Month.Month)
            .ThenBy(level => level.Subject.Kind)
            .ThenBy(level => level.Subject.Id, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// Rates a whole population for one month: a subject with no points that month gets the best level
    /// (all 15 terminals are rated, not only those with deductions). Points of other months are ignored.
    /// </summary>
    public IReadOnlyList<MonthlyLevel> Rate(
        CreditMonth month,
        IEnumerable<SubjectRef> population,
        IEnumerable<MonthlyPoints> points)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(points);

        var totals = new Dictionary<SubjectRef, decimal>();
        foreach (var subject in population)
        {
            totals.TryAdd(subject, 0m);
        }

        foreach (var entry in points.Where(entry => entry.Month == month))
        {
            totals[entry.Subject] = totals.GetValueOrDefault(entry.Subject) + entry.Points;
        }

        return totals
            .Select(pair => Level(pair.Key, month, pair.Value))
            .OrderBy(level => level.Subject.Kind)
            .ThenBy(level => level.Subject.Id, StringComparer.Ordinal)
            .ToArray();
    }

    private MonthlyLevel Level(SubjectRef subject, CreditMonth month, decimal points) =>
        new(subject, month, points, Scheme.Id, LevelFor(points));
}
