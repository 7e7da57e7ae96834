using GeoCredit.Core.Dispatch;

namespace GeoCredit.Core.Tests.Dispatch;

public sealed class AppealTests
{
    private static readonly DateTimeOffset DeductedAt = new(2025, 5, 6, 9, 31, 0, TimeSpan.FromHours(8));

    private static readonly CreditDeduction Deduction = new("wo-1:resolve", "operator-a", "wo-1", ClockKind.Resolve,
        2, "Work order wo-1 not resolved in time.", DeductedAt, DeductedAt.AddDays(10));

    [Fact]
    public void Appeal_filed_within_the_window_and_upheld_cancels_the_deduction()
    {
        var appeal = Appeal.File("ap-1", Deduction, "operator-a-manager", DeductedAt.AddDays(3),
            "The street was closed by the police.");

        appeal.Uphold("credit-officer", DeductedAt.AddDays(5), "Road closure confirmed.");

        Assert.Equal(AppealState.Upheld, appeal.State);
        Assert.True(appeal.Deduction.IsCancelled);
        Assert.Equal(DeductedAt.AddDays(5), appeal.Deduction.CancelledAt);
        Assert.Equal("Road closure confirmed.", appeal.Decision);
        Assert.False(Deduction.IsCancelled);
    }

    [Fact]
    public void Appeal_dismissed_lets_the_deduction_stand()
    {
        var appeal = Appeal.File("ap-1", Deduction, "operator-a-manager", DeductedAt.AddDays(1), "We were busy.");

        appeal.Dismiss("credit-officer", DeductedAt.AddDays(2), "Busy is not a reason.");

        Assert.Equal(AppealState.Dismissed, appeal.State);
        Assert.False(appeal.Deduction.IsCancelled);
    }

    [Fact]
    public void Appeal_on_the_last_moment_of_the_window_is_in_time_and_one_tick_later_is_refused()
    {
        var inTime = Appeal.File("ap-1", Deduction, "operator-a-manager", Deduction.AppealDeadline, "Grounds.");

        var late = Assert.Throws<InvalidOperationException>(() =>
            Appeal.File("ap-2", Deduction, "operator-a-manager", Deduction.AppealDeadline.AddTicks(1), "Grounds."));

        Assert.Equal(AppealState.Filed, inTime.State);
        Assert.Contains("appeal window", late.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Appeal_after_ten_days_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() =>
            Appeal.File("ap-1", Deduction, "operator-a-manager", DeductedAt.AddDays(11), "Grounds."));
    }

    [Theory]
    [InlineData(AppealState.Upheld)]
    [InlineData(AppealState.Dismissed)]
    public void Decided_appeal_cannot_be_decided_again(AppealState decided)
    {
        var appeal = Appeal.File("ap-1", Deduction, "operator-a-manager", DeductedAt.AddDays(1), "Grounds.");
        Decide(appeal, decided);

        var upholding = Assert.Throws<IllegalTransitionException>(() => Decide(appeal, AppealState.Upheld));
        var dismissing = Assert.Throws<IllegalTransitionException>(() => Decide(appeal, AppealState.Dismissed));

        Assert.Equal($"Appeal ap-1 is {decided}; it cannot be upheld.", upholding.Message);
        Assert.Equal($"Appeal ap-1 is {decided}; it cannot be dismissed.", dismissing.Message);
        Assert.Equal(decided, appeal.State);
    }

    [Fact]
    public void Appeal_against_a_cancelled_deduction_is_refused()
    {
        var cancelled = Deduction with { CancelledAt = DeductedAt.AddDays(1) };

        Assert.Throws<InvalidOperationException>(() =>
            Appeal.File("ap-1", cancelled, "operator-a-manager", DeductedAt.AddDays(2), "Grounds."));
    }

    private static void Decide(Appeal appeal, AppealState to)
    {
        if (to == AppealState.Upheld)
        {
            appeal.Uphold("credit-officer", DeductedAt.AddDays(4), "Decision.");
        }
        else
        {
            appeal.Dismiss("credit-officer", DeductedAt.AddDays(4), "Decision.");
        }
    }
}
