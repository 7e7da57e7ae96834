using GeoCredit.Core.Dispatch;
using Microsoft.Extensions.Time.Testing;
using static GeoCredit.Core.Tests.Dispatch.TestOrders;

namespace GeoCredit.Core.Tests.Dispatch;

public sealed class OverdueScannerTests
{
    private readonly FakeTimeProvider _clock = new(T0);

    [Fact]
    public void Order_life_on_a_virtual_clock_escalates_a_late_response_once_and_costs_the_company_points()
    {
        var book = new WorkOrderBook(_clock);
        var order = WorkOrder.Create(Draft(), ClockPolicy.BikeParking.For("bike-outside-zone", "core_area"));
        book.Add(order);
        order.Dispatch("controller-1", _clock.GetUtcNow());

        _clock.Advance(TimeSpan.FromMinutes(5));
        var atDeadline = book.ScanOverdue();
        _clock.Advance(TimeSpan.FromMinutes(1));
        var late = book.ScanOverdue();
        var again = book.ScanOverdue();

        Assert.True(atDeadline.IsEmpty);
        var escalation = Assert.Single(late.Escalations);
        Assert.Equal(
            new Escalation("wo-1", ClockKind.Response, T0.AddMinutes(5), T0.AddMinutes(6),
                Addressee.Company("operator-a"), EscalationRole.CompanyManager, Assignee: null),
            escalation);
        var deduction = Assert.Single(late.Deductions);
        Assert.Equal("operator-a", deduction.CompanyId);
        Assert.Equal("wo-1:response", deduction.Id);
        Assert.Equal(1, deduction.Points);
        Assert.Equal(T0.AddMinutes(6), deduction.At);
        Assert.Equal(T0.AddMinutes(6).AddDays(10), deduction.AppealDeadline);
        Assert.True(again.IsEmpty);
        Assert.Equal(T0.AddMinutes(6), order.ResponseOverdueNotedAt);

        _clock.Advance(TimeSpan.FromMinutes(1));
        order.Accept("operator-a-staff-7", _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromMinutes(8));
        order.ArriveOnSite("operator-a-staff-7", _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromMinutes(5));
        order.Resolve("operator-a-staff-7", _clock.GetUtcNow(), "Moved the bike into the parking zone.");
        _clock.Advance(TimeSpan.FromMinutes(20));
        var afterResolve = book.ScanOverdue();
        order.Verify("controller-1", _clock.GetUtcNow());
        var afterVerify = book.ScanOverdue();

        Assert.True(afterResolve.IsEmpty);
        Assert.True(afterVerify.IsEmpty);
        Assert.Equal(OverdueClocks.Response, order.Overdue(_clock.GetUtcNow()));
        Assert.Equal(WorkOrderState.Verified, order.State);
        Assert.Equal(0, book.Count);
        Assert.Equal(
            [
                (WorkOrderState.Created, WorkOrderState.Dispatched, (WorkOrderAction?)WorkOrderAction.Dispatch),
                (WorkOrderState.Dispatched, WorkOrderState.Dispatched, null),
                (WorkOrderState.Dispatched, WorkOrderState.Accepted, WorkOrderAction.Accept),
                (WorkOrderState.Accepted, WorkOrderState.OnSite, WorkOrderAction.ArriveOnSite),
                (WorkOrderState.OnSite, WorkOrderState.Resolved, WorkOrderAction.Resolve),
                (WorkOrderState.Resolved, WorkOrderState.Verified, WorkOrderAction.Verify),
            ],
            order.History.Select(e => (e.From, e.To, e.Action)));
    }

    [Fact]
    public void Order_accepted_after_the_response_deadline_is_overdue_and_escalated_once()
    {
        var order = New();
        order.Dispatch("controller-1", T0);
        var scanner = new OverdueScanner();

        var first = scanner.Scan([order], T0.AddMinutes(6));
        order.Accept("staff-2", T0.AddMinutes(8));
        var second = scanner.Scan([order], T0.AddMinutes(9));

        Assert.Single(first.Escalations);
        Assert.Single(first.Deductions);
        Assert.True(second.IsEmpty);
        Assert.Equal(OverdueClocks.Response, order.Overdue(T0.AddMinutes(9)));
    }

    [Fact]
    public void Order_accepted_late_with_no_scan_in_between_still_costs_points_but_is_not_escalated()
    {
        var order = New();
        order.Dispatch("controller-1", T0);
        order.Accept("staff-2", T0.AddMinutes(7));

        var scan = new OverdueScanner().Scan([order], T0.AddMinutes(8));

        Assert.Empty(scan.Escalations);
        var deduction = Assert.Single(scan.Deductions);
        Assert.Equal(ClockKind.Response, deduction.Clock);
    }

    [Fact]
    public void Order_accepted_exactly_at_the_deadline_is_on_time()
    {
        var order = New();
        order.Dispatch("controller-1", T0);
        order.Accept("staff-2", T0.AddMinutes(5));

        Assert.Equal(OverdueClocks.None, order.Overdue(T0.AddMinutes(6)));
    }

    [Fact]
    public void Overdue_tells_which_clock_ran_out()
    {
        var order = New();
        order.Dispatch("controller-1", T0);

        Assert.Equal(OverdueClocks.None, order.Overdue(T0.AddMinutes(5)));
        Assert.Equal(OverdueClocks.Response, order.Overdue(T0.AddMinutes(5).AddTicks(1)));
        Assert.Equal(OverdueClocks.Response | OverdueClocks.Resolve, order.Overdue(T0.AddMinutes(31)));

        order.Accept("staff-2", T0.AddMinutes(2));

        Assert.Equal(OverdueClocks.Resolve, order.Overdue(T0.AddMinutes(31)));
    }

    [Fact]
    public void Unresolved_order_past_both_deadlines_is_escalated_for_each_clock_and_deducted_for_each()
    {
        var order = New();
        order.Dispatch("controller-1", T0);

        var scan = new OverdueScanner().Scan([order], T0.AddMinutes(31));

        Assert.Equal([ClockKind.Response, ClockKind.Resolve], scan.Escalations.Select(e => e.Clock));
        Assert.Equal([1, 2], scan.Deductions.Select(d => d.Points));
        Assert.Equal(["wo-1:response", "wo-1:resolve"], scan.Deductions.Select(d => d.Id));
    }

    [Fact]
    public void Team_order_overdue_is_escalated_to_the_supervisor_and_deducts_nothing()
    {
        var order = New(addressee: Addressee.Team("patrol-dongcheng"), assignee: "staff-2");
        order.Dispatch("controller-1", T0);

        var scan = new OverdueScanner().Scan([order], T0.AddMinutes(6));

        var escalation = Assert.Single(scan.Escalations);
        Assert.Equal(EscalationRole.TeamSupervisor, escalation.EscalateTo);
        Assert.Equal("staff-2", escalation.Assignee);
        Assert.Empty(scan.Deductions);
    }

    [Fact]
    public void Rejection_after_the_resolve_deadline_makes_the_resolve_clock_overdue()
    {
        var order = New();
        order.Dispatch("controller-1", T0);
        order.Accept("staff-2", T0.AddMinutes(1));
        order.Resolve("staff-2", T0.AddMinutes(20), "Moved it.");
        var scanner = new OverdueScanner();
        var whileResolved = scanner.Scan([order], T0.AddMinutes(35));

        order.Reject("controller-1", T0.AddMinutes(40), "Still on the pavement.");
        var afterRejection = scanner.Scan([order], T0.AddMinutes(41));

        Assert.True(whileResolved.IsEmpty);
        var escalation = Assert.Single(afterRejection.Escalations);
        Assert.Equal(ClockKind.Resolve, escalation.Clock);
        Assert.Equal(2, Assert.Single(afterRejection.Deductions).Points);
    }

    [Fact]
    public void Order_cancelled_before_its_deadlines_is_never_overdue()
    {
        var order = New();
        order.Dispatch("controller-1", T0);
        order.Cancel("controller-1", T0.AddMinutes(4), "Bike belongs to another operator.");

        var scan = new OverdueScanner().Scan([order], T0.AddHours(2));

        Assert.True(scan.IsEmpty);
    }

    [Fact]
    public void Deduction_points_and_appeal_window_follow_the_policy()
    {
        var order = New();
        var policy = new DeductionPolicy { ResponsePoints = 3, AppealWindow = TimeSpan.FromDays(7) };

        var scan = new OverdueScanner(policy).Scan([order], T0.AddMinutes(10));

        var deduction = Assert.Single(scan.Deductions);
        Assert.Equal(3, deduction.Points);
        Assert.Equal(T0.AddMinutes(10).AddDays(7), deduction.AppealDeadline);
    }

    [Fact]
    public void Clocks_survive_a_reload_and_the_rebuilt_order_scans_the_same()
    {
        var original = New();
        original.Dispatch("controller-1", T0);
        var stored = original.ToRecord();
        var rebuilt = WorkOrder.Restore(stored);
        var restartedClock = new FakeTimeProvider(T0.AddMinutes(2));
        var before = new WorkOrderBook(_clock);
        var after = new WorkOrderBook(restartedClock);
        before.Add(original);
        after.Load([rebuilt]);

        _clock.Advance(TimeSpan.FromMinutes(31));
        restartedClock.Advance(TimeSpan.FromMinutes(29));
        var beforeScan = before.ScanOverdue();
        var afterScan = after.ScanOverdue();

        Assert.Equal(T0.AddMinutes(5), rebuilt.Clock.ResponseDeadline);
        Assert.Equal(T0.AddMinutes(30), rebuilt.Clock.ResolveDeadline);
        Assert.Equal(2, beforeScan.Escalations.Count);
        Assert.Equal(beforeScan.Escalations, afterScan.Escalations);
        Assert.Equal(beforeScan.Deductions, afterScan.Deductions);
    }

    [Fact]
    public void Overdue_noted_before_a_restart_is_not_reported_again_after_it()
    {
        var order = New();
        order.Dispatch("controller-1", T0);
        var scanner = new OverdueScanner();
        var beforeRestart = scanner.Scan([order], T0.AddMinutes(6));

        var reloaded = WorkOrder.Restore(order.ToRecord());
        var afterRestart = scanner.Scan([reloaded], T0.AddMinutes(7));
        var resolveRunsOut = scanner.Scan([reloaded], T0.AddMinutes(31));

        Assert.Single(beforeRestart.Escalations);
        Assert.Equal(T0.AddMinutes(6), reloaded.ResponseOverdueNotedAt);
        Assert.True(afterRestart.IsEmpty);
        Assert.Equal(ClockKind.Resolve, Assert.Single(resolveRunsOut.Escalations).Clock);
    }

    [Fact]
    public void Scan_reports_in_deadline_order_whatever_order_the_orders_come_in()
    {
        var early = New("wo-early", createdAt: T0);
        var late = New("wo-late", createdAt: T0.AddMinutes(1));

        var scan = new OverdueScanner().Scan([late, early], T0.AddMinutes(10));

        Assert.Equal(["wo-early", "wo-late"], scan.Escalations.Select(e => e.OrderId));
    }
}
