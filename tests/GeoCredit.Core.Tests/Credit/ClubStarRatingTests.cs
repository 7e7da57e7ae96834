using GeoCredit.Core.Credit;
using Microsoft.Extensions.Time.Testing;

namespace GeoCredit.Core.Tests.Credit;

public sealed class ClubStarRatingTests
{
    private static readonly DateTimeOffset May = new(2025, 5, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly SubjectRef Club = new(SubjectKind.Club, "huangpu-club-1");

    [Theory]
    [InlineData(10, 10, 5)]
    [InlineData(10, 9, 5)]
    [InlineData(20, 17, 4)]
    [InlineData(4, 3, 4)]
    [InlineData(10, 6, 3)]
    [InlineData(5, 2, 2)]
    [InlineData(10, 3, 1)]
    [InlineData(3, 0, 1)]
    public void StarsFor_follows_the_share_of_a_yachts(int yachts, int top, int stars)
    {
        Assert.Equal(stars, ClubStarRating.Default.StarsFor(yachts, top));
    }

    [Fact]
    public void StarsFor_a_club_without_yachts_is_no_rating()
    {
        Assert.Null(ClubStarRating.Default.StarsFor(0, 0));
        Assert.Null(ClubStarRating.Default.Rate(Club, []));
    }

    [Fact]
    public void Rate_counts_ungraded_yachts_as_not_a()
    {
        var rating = ClubStarRating.Default.Rate(Club, ["A", "a", "B", null]);

        Assert.Equal(new ClubStars(Club, 2, 4, 2, 0.5m), rating);
    }

    [Fact]
    public void Rate_from_the_registry_reads_the_club_yachts_and_their_grades_then()
    {
        var registry = new CreditRegistry(new FakeTimeProvider(May.AddMonths(2)));
        for (var i = 0; i < 10; i++)
        {
            var yacht = new SubjectRef(SubjectKind.Yacht, $"HP-{i:D3}");
            registry.Link(yacht, LinkKind.Club, Club, May, "club list");
            registry.SetGrade(yacht, "abc", i == 0 ? "B" : "A", May, "Huangpu maritime platform", "monthly review");
        }

        registry.SetGrade(new SubjectRef(SubjectKind.Yacht, "HP-001"), "abc", "C", May.AddMonths(1), "platform", "r");

        Assert.Equal(5, ClubStarRating.Default.Rate(registry, Club, May.AddDays(1))?.Stars);
        Assert.Equal(4, ClubStarRating.Default.Rate(registry, Club, May.AddMonths(1))?.Stars);
    }

    [Fact]
    public void Bands_must_fall_and_end_at_zero()
    {
        Assert.Throws<ArgumentException>(() => new ClubStarRating("abc", "A", []));
        Assert.Throws<ArgumentException>(() => new ClubStarRating("abc", "A", [new StarBand(5, 0.9m)]));
        Assert.Throws<ArgumentException>(
            () => new ClubStarRating("abc", "A", [new StarBand(3, 0.5m), new StarBand(4, 0m)]));
        Assert.Throws<ArgumentException>(
            () => new ClubStarRating("abc", "A", [new StarBand(3, 1.5m), new StarBand(1, 0m)]));
    }

    [Fact]
    public void Custom_bands_rate_with_their_own_shares()
    {
        var rating = new ClubStarRating("abc", "A", [new StarBand(3, 0.73m), new StarBand(1, 0m)]);

        Assert.Equal(3, rating.StarsFor(79, 58));
        Assert.Equal(1, rating.StarsFor(79, 57));
    }
}
