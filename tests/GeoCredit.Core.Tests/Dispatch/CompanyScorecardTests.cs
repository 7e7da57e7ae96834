using GeoCredit.Core.Dispatch;
using static GeoCredit.Core.Tests.Dispatch.TestOrders;

namespace GeoCredit.Core.Tests.Dispatch;

public sealed class CompanyScorecardTests
{
    private static readonly ScoringMonth May = ScoringMonth.China(2025, 5);
    private static readonly DateTimeOffset AsOf = new(2025, 6, 1, 0, 1, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Scorecard_of_a_constructed_month_gives_exact_rates()
    {
        // Response deadline at +5 min, resolve deadline at +30 min from each order's creation.
        var onTimeAndVerified = Order("wo-1", o =>
        {
            o.Accept("staff", At(o, 2));
            o.Resolve("staff", At(o, 20), "Moved.");
            o.Verify("controller-1", At(o, 25));
        });
        var lateRejectedThenVerified = Order("wo-2", o =>
        {
            o.Accept("staff", At(o, 9));
            o.Resolve("staff", At(o, 25), "Moved.");
            o.Reject("controller-1", At(o, 26), "Still there.");
            o.Resolve("staff", At(o, 40), "Moved, really.");
            o.Verify("controller-1", At(o, 45));
        });
        var rejectedAndNotYetRedone = Order("wo-3", o =>
        {
            o.Accept("staff", At(o, 5));
            o.Resolve("staff", At(o, 10), "Moved.");
            o.Reject("controller-1", At(o, 12), "Wrong bike.");
        });
        var neverAccepted = Order("wo-4", _ => { });
        var resolvedAwaitingCheck = Order("wo-5", o =>
        {
            o.Accept("staff", At(o, 1));
            o.Resolve("staff", At(o, 3), "Moved.");
        });
        var cancelledInTime = Order("wo-6", o => o.Cancel("controller-1", At(o, 2), "Raised in error."));
        var cancelledAfterDeadline = Order("wo-7", o => o.Cancel("controller-1", At(o, 10), "Gone."));
        var stillRunning = Order("wo-8", _ => { }, createdAt: AsOf.AddMinutes(-3));
        var april = Order("wo-9", _ => { }, createdAt: new(2025, 4, 30, 23, 0, 0, TimeSpan.FromHours(8)));
        var team = Order("wo-10", _ => { }, addressee: Addressee.Team("patrol-dongcheng"));
        var otherCompany = Order("wo-11", o => o.Accept("staff", At(o, 1)), addressee: Addressee.Company("operator-b"));

        var scores = CompanyScorecard.Compute(
            [
                onTimeAndVerified, lateRejectedThenVerified, rejectedAndNotYetRedone, neverAccepted,
                resolvedAwaitingCheck, cancelledInTime, cancelledAfterDeadline, stillRunning, april, team,
                otherCompany,
            ],
            May,
            AsOf);

        Assert.Equal(["operator-a", "operator-b"], scores.Select(s => s.CompanyId));
        var a = scores[0];
        Assert.Equal(new Ratio(3, 6), a.Response);
        Assert.Equal(new Ratio(2, 3), a.OnTime);
        Assert.Equal(new Ratio(2, 4), a.DisposalPass);
        Assert.Equal(0.5, a.Response.Value);
        var b = scores[1];
        Assert.Equal(new Ratio(1, 1), b.Response);
        Assert.Equal(default, b.OnTime);
        Assert.Null(b.OnTime.Value);
    }

    [Fact]
    public void Month_is_counted_in_local_time()
    {
        var lastEvening = new DateTimeOffset(2025, 5, 31, 15, 30, 0, TimeSpan.Zero);
        var nextMorning = new DateTimeOffset(2025, 5, 31, 16, 30, 0, TimeSpan.Zero);

        Assert.True(May.Contains(lastEvening));
        Assert.False(May.Contains(nextMorning));
        Assert.True(ScoringMonth.China(2025, 6).Contains(nextMorning));
        Assert.Equal(2, May.Quarter);
    }

    [Fact]
    public void Ratio_prints_like_the_published_figures()
    {
        Assert.Equal("8912/10000 (89.12%)", new Ratio(8912, 10000).ToString());
        Assert.Equal("0/0", default(Ratio).ToString());
    }

    private static DateTimeOffset At(WorkOrder order, int minutes) => order.CreatedAt.AddMinutes(minutes);

    private static WorkOrder Order(
        string id,
        Action<WorkOrder> life,
        DateTimeOffset? createdAt = null,
        Addressee? addressee = null)
    {
        var order = New(id, addressee, createdAt ?? new DateTimeOffset(2025, 5, 10, 9, 0, 0, TimeSpan.FromHours(8)));
        order.Dispatch("controller-1", order.CreatedAt);
        life(order);
        return order;
    }
}
