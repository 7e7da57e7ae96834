namespace GeoCredit.Core.Dispatch;

/// <summary>Who hears about an overdue order: the supervisor of the team, or the manager of the company.</summary>
public enum EscalationRole
{
    TeamSupervisor,
    CompanyManager,
}

/// <summary>A clock ran out on an order that is still waiting for it; the addressee's superior is told.</summary>
/// <param name="OrderId">The overdue order.</param>
/// <param name="Clock">Which clock ran out.</param>
/// <param name="Deadline">When it ran out.</param>
/// <param name="At">When the scanner noticed.</param>
/// <param name="Addressee">The team or company the order is for.</param>
/// <param name="EscalateTo">Whom in that team or company to tell; the server maps the role to people.</param>
/// <param name="Assignee">Who held the order, if anyone.</param>
public sealed record Escalation(
    string OrderId,
    ClockKind Clock,
    DateTimeOffset Deadline,
    DateTimeOffset At,
    Addressee Addressee,
    EscalationRole EscalateTo,
    string? Assignee);

/// <summary>
/// Credit points taken from a company because a clock of an order addressed to it ran out. The company may appeal
/// until <see cref="AppealDeadline"/>; an upheld appeal sets <see cref="CancelledAt"/>.
/// </summary>
/// <param name="Id">Stable per order and clock, so storing the same deduction twice is caught by a unique key.</param>
/// <param name="CompanyId">The company that loses the points.</param>
/// <param name="OrderId">The order whose clock ran out.</param>
/// <param name="Clock">Which clock ran out.</param>
/// <param name="Points">How many points are taken.</param>
/// <param name="Reason">A sentence for the company: which order, which deadline.</param>
/// <param name="At">When the deduction was made.</param>
/// <param name="AppealDeadline">The last moment an appeal can be filed.</param>
public sealed record CreditDeduction(
    string Id,
    string CompanyId,
    string OrderId,
    ClockKind Clock,
    int Points,
    string Reason,
    DateTimeOffset At,
    DateTimeOffset AppealDeadline)
{
    public DateTimeOffset? CancelledAt { get; init; }

    public bool IsCancelled => CancelledAt is not null;

    public static string IdFor(string orderId, ClockKind clock) =>
        $"{orderId}:{(clock == ClockKind.Response ? "response" : "resolve")}";
}

/// <summary>
/// What a missed clock costs a company. The defaults follow the Shanghai construction-site practice: a violation
/// not handled in time becomes a deduction automatically, open to appeal for 10 days.
/// </summary>
public sealed record DeductionPolicy
{
    public static DeductionPolicy Default { get; } = new();

    public int ResponsePoints { get; init; } = 1;

    public int ResolvePoints { get; init; } = 2;

    public TimeSpan AppealWindow { get; init; } = TimeSpan.FromDays(10);

    public int PointsFor(ClockKind clock) => clock == ClockKind.Response ? ResponsePoints : ResolvePoints;
}

/// <summary>What one scan found: whom to tell, and which deductions to book.</summary>
public sealed record OverdueScan(IReadOnlyList<Escalation> Escalations, IReadOnlyList<CreditDeduction> Deductions)
{
    public static OverdueScan Empty { get; } = new([], []);

    public bool IsEmpty => Escalations.Count == 0 && Deductions.Count == 0;
}

/// <summary>
/// Finds clocks that ran out since the last look and reports each exactly once: the order itself records that
/// the clock was noted (and stores that), so rescanning, or scanning a reloaded order, reports nothing twice.
/// Pure apart from those notes: time comes in as <c>now</c>, results go out as records for the server to send
/// and store.
/// </summary>
/// <remarks>
/// A clock that ran out is a miss whatever happened later, so it costs a company its points even if the order
/// was accepted, resolved or cancelled late before any scan saw it (the server may have been down). Only a clock
/// still running is escalated: telling a supervisor about an order already accepted helps nobody. Teams are the
/// regulator's own staff and carry no credit: their misses are escalated, never deducted.
/// </remarks>
public sealed class OverdueScanner(DeductionPolicy policy)
{
    private static readonly ClockKind[] Clocks = [ClockKind.Response, ClockKind.Resolve];

    public OverdueScanner()
        : this(DeductionPolicy.Default)
    {
    }

    public DeductionPolicy Policy => policy;

    public OverdueScan Scan(IEnumerable<WorkOrder> orders, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(orders);

        var escalations = new List<Escalation>();
        var deductions = new List<(DateTimeOffset Deadline, CreditDeduction Deduction)>();
        foreach (var order in orders)
        {
            var overdue = order.Overdue(now);
            if (overdue == OverdueClocks.None)
            {
                continue;
            }

            foreach (var clock in Clocks)
            {
                var flag = clock == ClockKind.Response ? OverdueClocks.Response : OverdueClocks.Resolve;
                if (!overdue.HasFlag(flag) || !order.TryNoteOverdue(clock, now))
                {
                    continue;
                }

                if (order.IsRunning(clock))
                {
                    escalations.Add(Escalate(order, clock, now));
                }

                if (order.Addressee.Kind == AddresseeKind.Company)
                {
                    deductions.Add((order.Clock.Deadline(clock), Deduct(order, clock, now)));
                }
            }
        }

        // Deterministic order, whatever order the orders came in: earliest deadline first.
        return new OverdueScan(
            escalations.OrderBy(e => e.Deadline).ThenBy(e => e.OrderId, StringComparer.Ordinal).ThenBy(e => e.Clock)
                .ToArray(),
            deductions.OrderBy(d => d.Deadline).ThenBy(d => d.Deduction.Id, StringComparer.Ordinal)
                .Select(d => d.Deduction)
                .ToArray());
    }

    private static Escalation Escalate(WorkOrder order, ClockKind clock, DateTimeOffset now) => new(
        order.Id,
        clock,
        order.Clock.Deadline(clock),
        now,
        order.Addressee,
        order.Addressee.Kind == AddresseeKind.Team ? EscalationRole.TeamSupervisor : EscalationRole.CompanyManager,
        order.Assignee);

    private CreditDeduction Deduct(WorkOrder order, ClockKind clock, DateTimeOffset now)
    {
        var what = clock == ClockKind.Response ? "not accepted" : "not resolved";
        var reason = $"Work order {order.Id} ({order.Title}) {what} by {order.Clock.Deadline(clock):O}.";
        return new CreditDeduction(CreditDeduction.IdFor(order.Id, clock), order.Addressee.Id, order.Id, clock,
            policy.PointsFor(clock), reason, now, now + policy.AppealWindow);
    }
}
