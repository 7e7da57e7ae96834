using GeoCredit.Core.Dispatch;

namespace GeoCredit.Core.Tests.Dispatch;

public sealed class QuarterlyRatingTests
{
    [Fact]
    public void Quarter_pools_the_months_by_count_not_by_average()
    {
        // Two perfect small months and one poor large one: the average of rates would be 0.93 (B), the pooled 0.83.
        CompanyMonthScore[] scores =
        [
            Month(4, response: new(10, 10)),
            Month(5, response: new(10, 10)),
            Month(6, response: new(80, 100)),
        ];

        var rating = QuarterlyRatingPolicy.Default.Rate("operator-a", 2025, 2, scores);

        Assert.Equal(new Ratio(100, 120), rating.Response);
        Assert.Equal("C", rating.Level);
        Assert.Equal(3, rating.MonthsScored);
    }

    [Theory]
    [InlineData(100, 95, 95, "A")]
    [InlineData(95, 90, 90, "A")]
    [InlineData(94, 90, 90, "B")]
    [InlineData(100, 100, 89, "B")]
    [InlineData(100, 100, 79, "C")]
    public void Level_is_the_best_band_whose_every_minimum_is_met(int response, int onTime, int pass, string level)
    {
        CompanyMonthScore[] scores = [Month(4, new(response, 100), new(onTime, 100), new(pass, 100))];

        var rating = QuarterlyRatingPolicy.Default.Rate("operator-a", 2025, 2, scores);

        Assert.Equal(level, rating.Level);
    }

    [Fact]
    public void Months_of_other_quarters_and_companies_are_left_out()
    {
        CompanyMonthScore[] scores =
        [
            Month(3, response: new(0, 50)),
            Month(7, response: new(0, 50)),
            Month(5, response: new(0, 50)) with { CompanyId = "operator-b" },
            Month(5, response: new(50, 50)),
        ];

        var rating = QuarterlyRatingPolicy.Default.Rate("operator-a", 2025, 2, scores);

        Assert.Equal(new Ratio(50, 50), rating.Response);
        Assert.Equal(1, rating.MonthsScored);
        Assert.Equal("A", rating.Level);
    }

    [Fact]
    public void Thresholds_are_configurable()
    {
        var policy = new QuarterlyRatingPolicy(
            [new RatingBand("excellent", 0.99, 0, 0), new RatingBand("good", 0.9, 0, 0)], lowest: "poor");
        CompanyMonthScore[] scores = [Month(4, response: new(95, 100))];

        Assert.Equal("good", policy.Rate("operator-a", 2025, 2, scores).Level);
    }

    [Fact]
    public void Two_scores_for_one_month_are_refused()
    {
        CompanyMonthScore[] scores = [Month(4), Month(4)];

        Assert.Throws<ArgumentException>(() => QuarterlyRatingPolicy.Default.Rate("operator-a", 2025, 2, scores));
    }

    private static CompanyMonthScore Month(
        int month,
        Ratio response = default,
        Ratio onTime = default,
        Ratio pass = default) =>
        new("operator-a", ScoringMonth.China(2025, month), response, onTime, pass);
}
