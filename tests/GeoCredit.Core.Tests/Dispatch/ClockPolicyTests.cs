using GeoCredit.Core.Dispatch;

namespace GeoCredit.Core.Tests.Dispatch;

public sealed class ClockPolicyTests
{
    [Theory]
    [InlineData("core_area", 5)]
    [InlineData("CORE_AREA", 5)]
    [InlineData("main_street", 15)]
    [InlineData("residential", 30)]
    [InlineData(null, 30)]
    public void Bike_parking_policy_gives_operators_5_to_30_minutes_by_zone_class(string? zoneClass, int minutes)
    {
        var terms = ClockPolicy.BikeParking.For("bike-outside-zone", zoneClass);

        Assert.Equal(TimeSpan.FromMinutes(minutes), terms.Response);
    }

    [Fact]
    public void Most_specific_entry_wins()
    {
        var policy = new ClockPolicy(ClockTerms.Minutes(30, 120))
            .WithZoneClass("core_area", ClockTerms.Minutes(5, 30))
            .WithRule("zone-over-capacity", ClockTerms.Minutes(20, 90))
            .WithRule("zone-over-capacity", ClockTerms.Minutes(10, 40), zoneClass: "core_area");

        Assert.Equal(ClockTerms.Minutes(10, 40), policy.For("zone-over-capacity", "core_area"));
        Assert.Equal(ClockTerms.Minutes(20, 90), policy.For("zone-over-capacity", "main_street"));
        Assert.Equal(ClockTerms.Minutes(5, 30), policy.For("bike-outside-zone", "core_area"));
        Assert.Equal(ClockTerms.Minutes(30, 120), policy.For(null, null));
    }

    [Fact]
    public void With_returns_a_new_policy_and_leaves_the_old_one_alone()
    {
        var before = ClockPolicy.BikeParking;

        var after = before.WithZoneClass("core_area", ClockTerms.Minutes(3, 20));

        Assert.Equal(TimeSpan.FromMinutes(5), before.For(null, "core_area").Response);
        Assert.Equal(TimeSpan.FromMinutes(3), after.For(null, "core_area").Response);
    }

    [Fact]
    public void Terms_with_a_resolve_time_shorter_than_the_response_time_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ClockTerms.Minutes(30, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClockTerms.Minutes(0, 10));
    }

    [Fact]
    public void Clock_starts_at_creation_as_absolute_deadlines()
    {
        var created = new DateTimeOffset(2025, 5, 6, 9, 0, 0, TimeSpan.FromHours(8));

        var clock = OrderClock.Start(created, ClockTerms.Minutes(15, 60));

        Assert.Equal(new OrderClock(created.AddMinutes(15), created.AddHours(1)), clock);
    }
}
