using GeoCredit.Core.Dispatch;
using static GeoCredit.Core.Tests.Dispatch.TestOrders;

namespace GeoCredit.Core.Tests.Dispatch;

public sealed class WorkOrderTests
{
    public static TheoryData<WorkOrderState, WorkOrderAction> AllMoves()
    {
        var moves = new TheoryData<WorkOrderState, WorkOrderAction>();
        foreach (var state in Enum.GetValues<WorkOrderState>())
        {
            foreach (var action in Enum.GetValues<WorkOrderAction>())
            {
                moves.Add(state, action);
            }
        }

        return moves;
    }

    [Theory]
    [MemberData(nameof(AllMoves))]
    public void Move_from_any_state_follows_the_table_or_throws_naming_the_state(
        WorkOrderState state,
        WorkOrderAction action)
    {
        var order = InState(state);
        var expected = WorkOrderTransitions.Transition(state, action);
        var entries = order.History.Count;

        var attempt = Record.Exception(() => Apply(order, action, T0.AddMinutes(1)));

        if (expected is { } to)
        {
            Assert.Null(attempt);
            Assert.Contains(order.History, e => e.Action == action && e.From == state && e.To == to);
        }
        else
        {
            var refused = Assert.IsType<IllegalTransitionException>(attempt);
            Assert.IsAssignableFrom<InvalidOperationException>(refused);
            Assert.Equal(state.ToString(), refused.State);
            Assert.Equal(
                $"Work order wo-1 is {state}; it cannot be {WorkOrderTransitions.Describe(action)}.",
                refused.Message);
            Assert.Equal(state, order.State);
            Assert.Equal(entries, order.History.Count);
        }
    }

    [Fact]
    public void Table_lets_nothing_out_of_the_final_states()
    {
        var moves = WorkOrderTransitions.Table.Keys.Where(k => WorkOrderTransitions.IsFinal(k.From));

        Assert.Empty(moves);
    }

    [Fact]
    public void Order_goes_from_created_to_verified_recording_every_move()
    {
        var order = New();

        order.Dispatch("controller-1", T0.AddMinutes(1), assignee: "staff-2");
        order.Accept("staff-2", T0.AddMinutes(2));
        order.ArriveOnSite("staff-2", T0.AddMinutes(10));
        order.Resolve("staff-2", T0.AddMinutes(12), "Moved the bike into the parking zone.");
        order.Verify("controller-1", T0.AddMinutes(15));

        Assert.Equal(WorkOrderState.Verified, order.State);
        Assert.True(order.IsFinal);
        Assert.Equal(
            [
                (WorkOrderState.Created, WorkOrderState.Dispatched, "controller-1"),
                (WorkOrderState.Dispatched, WorkOrderState.Accepted, "staff-2"),
                (WorkOrderState.Accepted, WorkOrderState.OnSite, "staff-2"),
                (WorkOrderState.OnSite, WorkOrderState.Resolved, "staff-2"),
                (WorkOrderState.Resolved, WorkOrderState.Verified, "controller-1"),
            ],
            order.History.Select(e => (e.From, e.To, e.By)));
        Assert.Equal(T0.AddMinutes(2), order.AcceptedAt);
        Assert.Equal(T0.AddMinutes(12), order.ResolvedAt);
        Assert.Equal(OverdueClocks.None, order.Overdue(T0.AddHours(5)));
    }

    [Fact]
    public void Reject_sends_the_order_back_to_accepted_with_its_assignee_and_original_deadline()
    {
        var order = New();
        order.Dispatch("controller-1", T0, assignee: "staff-2");
        order.Accept("staff-2", T0.AddMinutes(1));
        order.Resolve("staff-2", T0.AddMinutes(10), "Moved it.");

        var rejection = order.Reject("controller-1", T0.AddMinutes(12), "The bike is still on the pavement.");

        Assert.Equal(WorkOrderState.Accepted, order.State);
        Assert.Equal("staff-2", order.Assignee);
        Assert.Equal((WorkOrderState.Resolved, WorkOrderState.Rejected), (rejection.From, rejection.To));
        Assert.Equal("The bike is still on the pavement.", rejection.Note);
        var sendBack = order.History[^1];
        Assert.Equal((WorkOrderState.Rejected, WorkOrderState.Accepted), (sendBack.From, sendBack.To));
        Assert.Equal(WorkOrder.SystemActor, sendBack.By);
        Assert.Null(order.ResolvedAt);
        Assert.Equal(T0.AddMinutes(1), order.AcceptedAt);
        Assert.Equal(T0.AddMinutes(30), order.Clock.ResolveDeadline);
    }

    [Fact]
    public void Rejected_order_can_be_resolved_again_and_verified()
    {
        var order = New();
        order.Dispatch("controller-1", T0);
        order.Accept("staff-2", T0.AddMinutes(1));
        order.Resolve("staff-2", T0.AddMinutes(5), "Moved it.");
        order.Reject("controller-1", T0.AddMinutes(6), "Still there.");

        order.ArriveOnSite("staff-2", T0.AddMinutes(8));
        order.Resolve("staff-2", T0.AddMinutes(9), "Moved it into the zone this time.");
        order.Verify("controller-1", T0.AddMinutes(10));

        Assert.Equal(WorkOrderState.Verified, order.State);
        Assert.Equal(T0.AddMinutes(9), order.ResolvedAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Resolve_reject_and_cancel_without_a_note_are_refused(string? note)
    {
        var resolving = InState(WorkOrderState.OnSite);
        var rejecting = InState(WorkOrderState.Resolved);
        var cancelling = InState(WorkOrderState.Dispatched);

        Assert.Throws<ArgumentException>(() => resolving.Resolve("staff-1", T0.AddMinutes(1), note!));
        Assert.Throws<ArgumentException>(() => rejecting.Reject("controller-1", T0.AddMinutes(1), note!));
        Assert.Throws<ArgumentException>(() => cancelling.Cancel("controller-1", T0.AddMinutes(1), note!));
        Assert.Equal(WorkOrderState.OnSite, resolving.State);
        Assert.Equal(WorkOrderState.Resolved, rejecting.State);
        Assert.Equal(WorkOrderState.Dispatched, cancelling.State);
    }

    [Fact]
    public void Move_from_the_wrong_state_is_reported_as_such_even_without_a_note()
    {
        var order = InState(WorkOrderState.Verified);

        var refused = Assert.Throws<IllegalTransitionException>(() => order.Resolve("staff-1", T0.AddMinutes(1), ""));

        Assert.Equal("Verified", refused.State);
    }

    [Fact]
    public void Cancel_stops_both_clocks_and_keeps_the_reason()
    {
        var order = New();
        order.Dispatch("controller-1", T0);

        order.Cancel("controller-1", T0.AddMinutes(3), "The bike was collected by the owner.");

        Assert.Equal(WorkOrderState.Cancelled, order.State);
        Assert.Equal("The bike was collected by the owner.", order.History[^1].Note);
        Assert.Equal(T0.AddMinutes(3), order.CancelledAt);
        Assert.Equal(OverdueClocks.None, order.Overdue(T0.AddDays(1)));
        Assert.False(order.IsRunning(ClockKind.Response));
        Assert.False(order.IsRunning(ClockKind.Resolve));
    }

    [Fact]
    public void Cancelled_order_accepts_no_further_move()
    {
        var order = New();
        order.Cancel("controller-1", T0, "Duplicate of wo-0.");

        var refused = Assert.Throws<IllegalTransitionException>(() => order.Dispatch("controller-1", T0));

        Assert.Equal("Work order wo-1 is Cancelled; it cannot be dispatched.", refused.Message);
    }

    [Fact]
    public void Accepting_an_order_without_assignee_makes_the_acceptor_its_assignee()
    {
        var order = New();
        order.Dispatch("controller-1", T0);

        order.Accept("operator-a-staff-7", T0.AddMinutes(1));

        Assert.Equal("operator-a-staff-7", order.Assignee);
    }

    [Fact]
    public void Dispatching_again_before_acceptance_hands_the_order_to_another_member()
    {
        var order = New();
        order.Dispatch("controller-1", T0, assignee: "staff-2");

        order.Dispatch("controller-1", T0.AddMinutes(2), assignee: "staff-3", note: "staff-2 did not answer");

        Assert.Equal(WorkOrderState.Dispatched, order.State);
        Assert.Equal("staff-3", order.Assignee);
        Assert.Equal("staff-3", order.History[^1].Assignee);
    }

    [Fact]
    public void Change_dated_before_the_last_one_is_refused()
    {
        var order = New();
        order.Dispatch("controller-1", T0.AddMinutes(5));

        Assert.Throws<ArgumentOutOfRangeException>(() => order.Accept("staff-2", T0.AddMinutes(4)));
        Assert.Equal(WorkOrderState.Dispatched, order.State);
    }

    [Fact]
    public void Automatic_verification_verifies_when_the_check_holds()
    {
        var order = InState(WorkOrderState.Resolved);

        var verified = order.TryVerifyAutomatically("bike stands in a permitted zone", _ => true, T0.AddMinutes(1));

        Assert.True(verified);
        Assert.Equal(WorkOrderState.Verified, order.State);
        Assert.Equal(WorkOrder.SystemActor, order.History[^1].By);
        Assert.Contains("bike stands in a permitted zone", order.History[^1].Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Automatic_verification_that_fails_leaves_the_order_for_its_creator()
    {
        var order = InState(WorkOrderState.Resolved);

        var verified = order.TryVerifyAutomatically("bike stands in a permitted zone", _ => false, T0.AddMinutes(1));

        Assert.False(verified);
        Assert.Equal(WorkOrderState.Resolved, order.State);
        order.Verify(order.CreatedBy, T0.AddMinutes(2), "Checked on the camera.");
        Assert.Equal(WorkOrderState.Verified, order.State);
    }

    [Fact]
    public void Automatic_verification_of_an_unresolved_order_throws_without_running_the_check()
    {
        var order = InState(WorkOrderState.OnSite);
        var ran = false;

        var refused = Assert.Throws<IllegalTransitionException>(
            () => order.TryVerifyAutomatically("check", _ => ran = true, T0.AddMinutes(1)));

        Assert.Equal("OnSite", refused.State);
        Assert.False(ran);
    }

    [Fact]
    public void Restore_refuses_a_state_its_history_does_not_lead_to()
    {
        var order = New();
        order.Dispatch("controller-1", T0);
        var stored = order.ToRecord() with { State = WorkOrderState.Resolved };

        Assert.Throws<ArgumentException>(() => WorkOrder.Restore(stored));
    }

    [Fact]
    public void Restore_gives_back_the_order_as_stored()
    {
        var order = New();
        order.Dispatch("controller-1", T0, assignee: "staff-2");
        order.Accept("staff-2", T0.AddMinutes(1));

        var restored = WorkOrder.Restore(order.ToRecord());

        Assert.Equal(order.ToRecord().History, restored.ToRecord().History);
        Assert.Equal(order.ToRecord() with { History = [] }, restored.ToRecord() with { History = [] });
        Assert.Equal(WorkOrderState.Accepted, restored.State);
        Assert.Equal(T0.AddMinutes(1), restored.AcceptedAt);
    }
}
