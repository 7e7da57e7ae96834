using GeoCredit.Core.Dispatch;

namespace GeoCredit.Core.Tests.Dispatch;

/// <summary>Work orders for tests: a bike parked in Beijing's core area, addressed to an operator by default.</summary>
internal static class TestOrders
{
    public static readonly DateTimeOffset T0 = new(2025, 5, 6, 9, 0, 0, TimeSpan.FromHours(8));

    public static readonly ClockTerms CoreArea = ClockTerms.Minutes(5, 30);

    public static WorkOrderDraft Draft(
        string id = "wo-1",
        Addressee? addressee = null,
        DateTimeOffset? createdAt = null,
        string? assignee = null) => new()
    {
        Id = id,
        Title = "Bike parked outside any parking zone",
        Origin = WorkOrderOrigin.Rule,
        AlertId = "alert-1",
        RuleId = "bike-outside-zone",
        Addressee = addressee ?? Addressee.Company("operator-a"),
        Assignee = assignee,
        Longitude = 116.397,
        Latitude = 39.909,
        ZoneClass = "core_area",
        CreatedBy = "controller-1",
        CreatedAt = createdAt ?? T0,
    };

    public static WorkOrder New(
        string id = "wo-1",
        Addressee? addressee = null,
        DateTimeOffset? createdAt = null,
        ClockTerms? terms = null,
        string? assignee = null) =>
        WorkOrder.Create(Draft(id, addressee, createdAt, assignee), terms ?? CoreArea);

    /// <summary>An order standing in any state, as if loaded from storage.</summary>
    public static WorkOrder InState(WorkOrderState state)
    {
        var fresh = New().ToRecord();
        if (state == WorkOrderState.Created)
        {
            return WorkOrder.Restore(fresh);
        }

        var entry = new WorkOrderEvent(WorkOrderState.Created, state, "tester", T0, "set up", null, "staff-1");
        return WorkOrder.Restore(fresh with { State = state, Assignee = "staff-1", History = [entry] });
    }

    /// <summary>Makes one move with plausible arguments (a note where one is required).</summary>
    public static WorkOrderEvent Apply(WorkOrder order, WorkOrderAction action, DateTimeOffset at) => action switch
    {
        WorkOrderAction.Dispatch => order.Dispatch("controller-1", at, "staff-2"),
        WorkOrderAction.Accept => order.Accept("staff-2", at),
        WorkOrderAction.ArriveOnSite => order.ArriveOnSite("staff-2", at),
        WorkOrderAction.Resolve => order.Resolve("staff-2", at, "Moved the bike into the parking zone."),
        WorkOrderAction.Verify => order.Verify("controller-1", at),
        WorkOrderAction.Reject => order.Reject("controller-1", at, "The bike is still on the pavement."),
        WorkOrderAction.SendBack => order.SendBack("controller-1", at),
        WorkOrderAction.Cancel => order.Cancel("controller-1", at, "Raised in error."),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
