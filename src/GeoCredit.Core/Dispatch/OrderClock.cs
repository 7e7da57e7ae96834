namespace GeoCredit.Core.Dispatch;

/// <summary>The two clocks of a work order.</summary>
public enum ClockKind
{
    /// <summary>Runs until the order is accepted.</summary>
    Response,

    /// <summary>Runs until the order is resolved (and again after a resolution is rejected).</summary>
    Resolve,
}

/// <summary>Which clocks of an order ran out.</summary>
[Flags]
public enum OverdueClocks
{
    None = 0,
    Response = 1,
    Resolve = 2,
}

/// <summary>How long an addressee has to accept an order and to resolve it, both counted from its creation.</summary>
public sealed record ClockTerms
{
    public ClockTerms(TimeSpan response, TimeSpan resolve)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(response, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(resolve, response);

        Response = response;
        Resolve = resolve;
    }

    public TimeSpan Response { get; }

    public TimeSpan Resolve { get; }

    public static ClockTerms Minutes(double response, double resolve) =>
        new(TimeSpan.FromMinutes(response), TimeSpan.FromMinutes(resolve));
}

/// <summary>
/// The response and resolve clocks of one work order, kept as absolute deadlines rather than durations so that
/// they mean the same after a restart, whatever the server clock did meanwhile.
/// </summary>
public sealed record OrderClock(DateTimeOffset ResponseDeadline, DateTimeOffset ResolveDeadline)
{
    public static OrderClock Start(DateTimeOffset from, ClockTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);

        return new OrderClock(from + terms.Response, from + terms.Resolve);
    }

    public DateTimeOffset Deadline(ClockKind clock) => clock switch
    {
        ClockKind.Response => ResponseDeadline,
        ClockKind.Resolve => ResolveDeadline,
        _ => throw new ArgumentOutOfRangeException(nameof(clock), clock, "Unknown clock."),
    };

    /// <summary>
    /// Which clocks ran out by <paramref name="now"/>. A clock stops when it is met (accepted, resolved) or when
    /// the order is cancelled; it ran out when it stopped, or is still running, after its deadline. Meeting a
    /// clock exactly at its deadline is on time. A clock met late still ran out: a late acceptance is a missed
    /// response even if nobody looked while it was late.
    /// </summary>
    /// <param name="now">The time of the question.</param>
    /// <param name="acceptedAt">When the order was first accepted, if it was.</param>
    /// <param name="resolvedAt">When the resolution that still stands was made, if one stands.</param>
    /// <param name="cancelledAt">When the order was cancelled, if it was.</param>
    public OverdueClocks Overdue(
        DateTimeOffset now,
        DateTimeOffset? acceptedAt,
        DateTimeOffset? resolvedAt,
        DateTimeOffset? cancelledAt)
    {
        var overdue = OverdueClocks.None;

        if ((acceptedAt ?? cancelledAt ?? now) > ResponseDeadline)
        {
            overdue |= OverdueClocks.Response;
        }

        if ((resolvedAt ?? cancelledAt ?? now) > ResolveDeadline)
        {
            overdue |= OverdueClocks.Resolve;
        }

        return overdue;
    }
}
