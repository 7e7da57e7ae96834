using GeoCredit.Core.Credit;

namespace GeoCredit.Core.Tests.Credit;

public sealed class MonthlyRatingTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly CreditMonth May = new(2025, 5);

    private static readonly SubjectRef Guanhe1 = new(SubjectKind.Terminal, "guanhe-1");
    private static readonly SubjectRef Guanhe2 = new(SubjectKind.Terminal, "guanhe-2");
    private static readonly SubjectRef Guanhe3 = new(SubjectKind.Terminal, "guanhe-3");

    [Theory]
    [InlineData(0, "blue")]
    [InlineData(5, "blue")]
    [InlineData(5.5, "green")]
    [InlineData(15, "green")]
    [InlineData(16, "yellow")]
    [InlineData(30, "yellow")]
    [InlineData(31, "red")]
    [InlineData(-2, "blue")]
    public void Terminal_rating_follows_the_thresholds_inclusively(decimal points, string level)
    {
        Assert.Equal(level, MonthlyRating.Terminal.LevelFor(points));
    }

    [Theory]
    [InlineData(0, "low")]
    [InlineData(2, "low")]
    [InlineData(3, "medium")]
    [InlineData(6, "high")]
    public void CompanyRisk_rating_follows_violation_counts(int violations, string level)
    {
        Assert.Equal(level, MonthlyRating.CompanyRisk.LevelFor(violations));
    }

    [Fact]
    public void Rate_adds_up_deductions_per_subject_and_month()
    {
        var points = new[]
        {
            new MonthlyPoints(Guanhe2, May, 4),
            new MonthlyPoints(Guanhe1, May, 10),
            new MonthlyPoints(Guanhe2, May, 4),
            new MonthlyPoints(Guanhe1, new CreditMonth(2025, 4), 40),
        };

        var levels = MonthlyRating.Terminal.Rate(points);

        Assert.Equal(
            [
                new MonthlyLevel(Guanhe1, new CreditMonth(2025, 4), 40, "terminal", "red"),
                new MonthlyLevel(Guanhe1, May, 10, "terminal", "green"),
                new MonthlyLevel(Guanhe2, May, 8, "terminal", "green"),
            ],
            levels);
    }

    [Fact]
    public void Rate_a_population_gives_subjects_without_deductions_the_best_level()
    {
        var points = new[] { new MonthlyPoints(Guanhe2, May, 31), new MonthlyPoints(Guanhe1, May.Next(), 50) };

        var levels = MonthlyRating.Terminal.Rate(May, [Guanhe1, Guanhe2, Guanhe3], points);

        Assert.Equal(["blue", "red", "blue"], levels.Select(l => l.Level));
    }

    [Fact]
    public void MonthlyLevel_applies_from_the_first_of_the_next_month()
    {
        var level = new MonthlyLevel(Guanhe1, new CreditMonth(2025, 12), 12, "terminal", "green");

        var assignment = level.ToAssignment(China, "monthly terminal rating");

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, China), assignment.ValidFrom);
        Assert.Equal(("terminal", "green", Guanhe1), (assignment.SchemeId, assignment.Level, assignment.Subject));
        Assert.Contains("2025-12", assignment.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Custom_thresholds_rate_into_any_scheme()
    {
        var rating = new MonthlyRating(GradeScheme.Anqing, [0m, 10m, 20m]);

        Assert.Equal(
            ["green", "blue", "yellow", "red"],
            [rating.LevelFor(0m), rating.LevelFor(1m), rating.LevelFor(11m), rating.LevelFor(21m)]);
    }

    [Fact]
    public void Thresholds_must_fit_the_scheme_and_rise()
    {
        Assert.Throws<ArgumentException>(() => new MonthlyRating(GradeScheme.Terminal, [5m, 15m]));
        Assert.Throws<ArgumentException>(() => new MonthlyRating(GradeScheme.Terminal, [5m, 5m, 30m]));
        Assert.Throws<ArgumentException>(() => new MonthlyRating(GradeScheme.Terminal, [30m, 15m, 5m]));
    }

    [Fact]
    public void CreditMonth_of_a_moment_uses_the_calendar_of_the_offset()
    {
        var lastMinuteOfApril = new DateTimeOffset(2025, 4, 30, 16, 30, 0, TimeSpan.Zero);

        Assert.Equal(May, CreditMonth.Of(lastMinuteOfApril, China));
        Assert.Equal(new CreditMonth(2025, 4), CreditMonth.Of(lastMinuteOfApril, TimeSpan.Zero));
        Assert.Equal("2025-05", May.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => new CreditMonth(2025, 13));
    }
}
