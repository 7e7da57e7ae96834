namespace GeoCredit.Core.Dispatch;

/// <summary>
/// One level of a quarterly rating and the least a company must reach on each figure to earn it. A figure with
/// nothing to count (no orders of that kind in the quarter) does not hold a company back.
/// </summary>
public sealed record RatingBand(string Level, double MinResponse, double MinOnTime, double MinDisposalPass)
{
    public bool IsMetBy(Ratio response, Ratio onTime, Ratio disposalPass) =>
        (response.Value ?? 1) >= MinResponse
        && (onTime.Value ?? 1) >= MinOnTime
        && (disposalPass.Value ?? 1) >= MinDisposalPass;
}

/// <summary>A company's rating for one quarter, with the pooled figures it rests on.</summary>
public sealed record QuarterRating(
    string CompanyId,
    int Year,
    int Quarter,
    string Level,
    Ratio Response,
    Ratio OnTime,
    Ratio DisposalPass,
    int MonthsScored);

/// <summary>
/// Rates companies each quarter from their monthly scores (the Beijing practice: scored monthly, rated
/// quarterly, with the fleet quota following the rating). The months are pooled by adding counts, not by
/// averaging rates, so a month with ten orders weighs less than one with a thousand. Bands are tried best first;
/// a company that meets none gets <see cref="Lowest"/>. Immutable and thread-safe.
/// </summary>
public sealed class QuarterlyRatingPolicy
{
    public QuarterlyRatingPolicy(IEnumerable<RatingBand> bands, string lowest)
    {
        ArgumentNullException.ThrowIfNull(bands);
        ArgumentException.ThrowIfNullOrWhiteSpace(lowest);

        Bands = bands.ToArray();
        Lowest = lowest;
    }

    /// <summary>A; B; otherwise C. Our defaults, not published thresholds; deployments set their own.</summary>
    public static QuarterlyRatingPolicy Default { get; } = new(
        [
            new RatingBand("A", MinResponse: 0.95, MinOnTime: 0.90, MinDisposalPass: 0.90),
            new RatingBand("B", MinResponse: 0.85, MinOnTime: 0.75, MinDisposalPass: 0.80),
        ],
        lowest: "C");

    /// <summary>The bands, best first.</summary>
    public IReadOnlyList<RatingBand> Bands { get; }

    public string Lowest { get; }

    /// <summary>Rates one company from whichever of its monthly scores fall in the quarter.</summary>
    public QuarterRating Rate(string companyId, int year, int quarter, IEnumerable<CompanyMonthScore> scores)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(companyId);
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        ArgumentNullException.ThrowIfNull(scores);

        var months = scores
            .Where(s => s.CompanyId == companyId && s.Month.Year == year && s.Month.Quarter == quarter)
            .ToArray();
        if (months.DistinctBy(s => s.Month.Month).Count() != months.Length)
        {
            throw new ArgumentException($"Company {companyId} has more than one score for a month.", nameof(scores));
        }

        var response = months.Aggregate(default(Ratio), (sum, s) => sum + s.Response);
        var onTime = months.Aggregate(default(Ratio), (sum, s) => sum + s.OnTime);
        var disposal = months.Aggregate(default(Ratio), (sum, s) => sum + s.DisposalPass);

        var level = Bands.FirstOrDefault(band => band.IsMetBy(response, onTime, disposal))?.Level ?? Lowest;
        return new QuarterRating(companyId, year, quarter, level, response, onTime, disposal, months.Length);
    }
}
