namespace GeoCredit.Core.Credit;

/// <summary>
/// A star band: a club gets <paramref name="Stars"/> when at least this share of its yachts is top-graded.
/// </summary>
/// <param name="Stars">The stars, 1 or more.</param>
/// <param name="MinShare">The least share of top-graded yachts, 0 to 1.</param>
public sealed record StarBand(int Stars, decimal MinShare);

/// <summary>A club's star rating and what it was worked out from.</summary>
/// <param name="Club">The club.</param>
/// <param name="Stars">Its stars.</param>
/// <param name="Yachts">How many yachts the club had.</param>
/// <param name="TopGraded">How many of them held the top level (ungraded yachts count as not top-graded).</param>
/// <param name="Share">TopGraded / Yachts.</param>
public sealed record ClubStars(SubjectRef Club, int Stars, int Yachts, int TopGraded, decimal Share);

/// <summary>
/// A yacht club's star rating, following its yachts: the share of its yachts graded A in the <c>abc</c> scheme
/// picks a band, 5 stars for 90% or more by default. Kept deliberately simple: one share, bands an
/// administrator can set. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// The default bands (5 stars from 90%, 4 from 75%, 3 from 60%, 2 from 40%, 1 below) are placeholders of a
/// plausible shape, not published figures. A club with no yachts is not rated.
/// </remarks>
public sealed class ClubStarRating
{
    private readonly StarBand[] _bands;

    /// <param name="schemeId">The yachts' scheme.</param>
    /// <param name="topLevel">The level that counts (A).</param>
    /// <param name="bands">Bands from the most stars down, shares strictly falling, the last at share 0.</param>
    /// <exception cref="ArgumentException">The bands do not cover every share from 0 to 1 in falling order.</exception>
    public ClubStarRating(string schemeId, string topLevel, IReadOnlyList<StarBand> bands)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schemeId);
        ArgumentException.ThrowIfNullOrWhiteSpace(topLevel);
        ArgumentNullException.ThrowIfNull(bands);
        if (bands.Count == 0 || bands[^1].MinShare != 0m)
        {
            throw new ArgumentException("The last band must start at share 0, so every club gets stars.",
                nameof(bands));
        }

        for (var i = 0; i < bands.Count; i++)
        {
            var band = bands[i];
            var falls = i == 0 || (band.MinShare < bands[i - 1].MinShare && band.Stars < bands[i - 1].Stars);
            if (band.Stars < 1 || band.MinShare is < 0m or > 1m || !falls)
            {
                throw new ArgumentException(
                    "Bands need at least 1 star, a share from 0 to 1, and fewer stars at lower shares.", nameof(bands));
            }
        }

        SchemeId = schemeId;
        TopLevel = topLevel;
        _bands = [.. bands];
    }

    public static ClubStarRating Default { get; } = new(
        GradeScheme.Abc.Id,
        "A",
        [
            new StarBand(5, 0.90m),
            new StarBand(4, 0.75m),
            new StarBand(3, 0.60m),
            new StarBand(2, 0.40m),
            new StarBand(1, 0m),
        ]);

    public string SchemeId { get; }

    public string TopLevel { get; }

    public IReadOnlyList<StarBand> Bands => _bands;

    /// <summary>
    /// Stars for a club with <paramref name="yachts"/> yachts of which <paramref name="topGraded"/> hold the top level.
    /// </summary>
    /// <returns>The stars, or null for a club with no yachts.</returns>
    public int? StarsFor(int yachts, int topGraded)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(yachts);
        ArgumentOutOfRangeException.ThrowIfNegative(topGraded);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(topGraded, yachts);
        if (yachts == 0)
        {
            return null;
        }

        var share = (decimal)topGraded / yachts;
        return _bands.First(band => share >= band.MinShare).Stars;
    }

    /// <summary>Rates a club from its yachts' levels (null for a yacht with no grade).</summary>
    /// <returns>The rating, or null for a club with no yachts.</returns>
    public ClubStars? Rate(SubjectRef club, IEnumerable<string?> yachtLevels)
    {
        ArgumentNullException.ThrowIfNull(yachtLevels);

        var yachts = 0;
        var top = 0;
        foreach (var level in yachtLevels)
        {
            yachts++;
            if (string.Equals(level, TopLevel, StringComparison.OrdinalIgnoreCase))
            {
                top++;
            }
        }

        return StarsFor(yachts, top) is { } stars
            ? new ClubStars(club, stars, yachts, top, (decimal)top / yachts)
            : null;
    }

    /// <summary>Rates a club from the yachts linked to it at a moment, and their grades then.</summary>
    public ClubStars? Rate(CreditRegistry registry, SubjectRef club, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(registry);

        var levels = registry.LinkedTo(club, LinkKind.Club, time)
            .Select(link => registry.GradeAt(link.Subject, SchemeId, time)?.Level);
        return Rate(club, levels);
    }
}
