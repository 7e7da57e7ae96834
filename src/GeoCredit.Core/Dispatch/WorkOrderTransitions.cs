using System.Collections.Frozen;

namespace GeoCredit.Core.Dispatch;

/// <summary>Where a work order is in its life.</summary>
public enum WorkOrderState
{
    /// <summary>
    /// Recorded, not yet sent to anyone. The clocks already run: the wait starts when the problem is known.
    /// </summary>
    Created,

    /// <summary>Sent to its team or company (and to a member, if one was chosen); waiting to be accepted.</summary>
    Dispatched,

    /// <summary>Someone took it on: the response clock is met.</summary>
    Accepted,

    /// <summary>The assignee is at the place.</summary>
    OnSite,

    /// <summary>The assignee says it is done; waiting for verification.</summary>
    Resolved,

    /// <summary>The resolution was checked and holds. Final.</summary>
    Verified,

    /// <summary>The resolution was checked and does not hold; the order is at once sent back to Accepted.</summary>
    Rejected,

    /// <summary>Withdrawn by the regulator. Final.</summary>
    Cancelled,
}

/// <summary>What can be done to a work order.</summary>
public enum WorkOrderAction
{
    Dispatch,
    Accept,
    ArriveOnSite,
    Resolve,
    Verify,
    Reject,
    SendBack,
    Cancel,
}

/// <summary>
/// The state machine of a work order, as one table. Anything not in the table is refused by <see cref="Next"/>,
/// the only place that decides whether a move is allowed.
/// </summary>
/// <remarks>
/// A rejected order goes back to <see cref="WorkOrderState.Accepted"/>, not to Dispatched: its addressee has
/// already taken it on and knows the place, the response clock was already met or missed once and must not be
/// counted twice, and the original resolve deadline keeps running, so a resolution that did not hold buys no time.
/// </remarks>
public static class WorkOrderTransitions
{
    public static FrozenDictionary<(WorkOrderState From, WorkOrderAction Action), WorkOrderState> Table { get; } =
        new Dictionary<(WorkOrderState, WorkOrderAction), WorkOrderState>
        {
            [(WorkOrderState.Created, WorkOrderAction.Dispatch)] = WorkOrderState.Dispatched,
            [(WorkOrderState.Created, WorkOrderAction.Cancel)] = WorkOrderState.Cancelled,

            // Dispatching again before anyone accepted hands the order to another member.
            [(WorkOrderState.Dispatched, WorkOrderAction.Dispatch)] = WorkOrderState.Dispatched,
            [(WorkOrderState.Dispatched, WorkOrderAction.Accept)] = WorkOrderState.Accepted,
            [(WorkOrderState.Dispatched, WorkOrderAction.Cancel)] = WorkOrderState.Cancelled,

            [(WorkOrderState.Accepted, WorkOrderAction.ArriveOnSite)] = WorkOrderState.OnSite,

            // A company often fixes a problem without anyone of ours on site (an operator's van moves the bikes).
            [(WorkOrderState.Accepted, WorkOrderAction.Resolve)] = WorkOrderState.Resolved,
            [(WorkOrderState.Accepted, WorkOrderAction.Cancel)] = WorkOrderState.Cancelled,

            [(WorkOrderState.OnSite, WorkOrderAction.Resolve)] = WorkOrderState.Resolved,
            [(WorkOrderState.OnSite, WorkOrderAction.Cancel)] = WorkOrderState.Cancelled,

            [(WorkOrderState.Resolved, WorkOrderAction.Verify)] = WorkOrderState.Verified,
            [(WorkOrderState.Resolved, WorkOrderAction.Reject)] = WorkOrderState.Rejected,

            [(WorkOrderState.Rejected, WorkOrderAction.SendBack)] = WorkOrderState.Accepted,
        }.ToFrozenDictionary();

    /// <summary>
    /// The state <paramref name="action"/> leads to, or null when it is not allowed from <paramref name="from"/>.
    /// </summary>
    public static WorkOrderState? Transition(WorkOrderState from, WorkOrderAction action) =>
        Table.TryGetValue((from, action), out var to) ? to : null;

    /// <summary>
    /// The guard: the state <paramref name="action"/> leads to, or an error naming the current state.
    /// </summary>
    /// <exception cref="IllegalTransitionException">The move is not in the table.</exception>
    public static WorkOrderState Next(string orderId, WorkOrderState from, WorkOrderAction action) =>
        Transition(from, action)
        ?? throw new IllegalTransitionException($"Work order {orderId}", from.ToString(), Describe(action));

    public static bool IsFinal(WorkOrderState state) => state is WorkOrderState.Verified or WorkOrderState.Cancelled;

    /// <summary>The action as the past participle that completes "it cannot be ...".</summary>
    public static string Describe(WorkOrderAction action) => action switch
    {
        WorkOrderAction.Dispatch => "dispatched",
        WorkOrderAction.Accept => "accepted",
        WorkOrderAction.ArriveOnSite => "marked on site",
        WorkOrderAction.Resolve => "resolved",
        WorkOrderAction.Verify => "verified",
        WorkOrderAction.Reject => "rejected",
        WorkOrderAction.SendBack => "sent back",
        WorkOrderAction.Cancel => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown work order action."),
    };
}
