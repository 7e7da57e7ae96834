using GeoCredit.Core.Voyages;

namespace GeoCredit.Core.Tests.Voyages;

public sealed class VoyagePlanTests
{
    private static readonly DateTimeOffset T0 = new(2025, 5, 1, 10, 0, 0, TimeSpan.Zero);

    private static VoyagePlan Filed() =>
        VoyagePlan.File("vp-1", "yacht-1", T0, T0.AddHours(2), "Bund loop", "club", T0.AddDays(-1));

    [Fact]
    public void HasActivePlan_only_for_an_approved_plan_within_its_window()
    {
        var book = new VoyagePlanBook();
        book.Put(Filed());

        var beforeApproval = book.HasActivePlan("yacht-1", T0.AddHours(1));
        book.Put(Filed().Decide(approve: true, "authority", T0.AddHours(-1)));

        Assert.False(beforeApproval);
        Assert.True(book.HasActivePlan("yacht-1", T0.AddHours(1)));
        Assert.False(book.HasActivePlan("yacht-1", T0.AddHours(3)));
        Assert.False(book.HasActivePlan("yacht-2", T0.AddHours(1)));
    }

    [Fact]
    public void Decide_twice_throws_naming_the_state()
    {
        var rejected = Filed().Decide(approve: false, "authority", T0);

        var error = Assert.Throws<InvalidOperationException>(() => rejected.Decide(approve: true, "authority", T0));

        Assert.Contains("Rejected", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_with_arrival_before_departure_is_refused()
    {
        Assert.Throws<ArgumentException>(() => VoyagePlan.File("vp", "y", T0, T0.AddHours(-1), "", "club", T0));
    }
}
