namespace GeoCredit.Core.Dispatch;

/// <summary>
/// A calendar month in the regulator's local time (UTC+8 in China), which is how monthly scores are published:
/// an order written at 23:30 local time on the last day belongs to that month, not to the next.
/// </summary>
public sealed record ScoringMonth
{
    public ScoringMonth(int year, int month, TimeSpan utcOffset)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);

        Year = year;
        Month = month;
        UtcOffset = utcOffset;
        Start = new DateTimeOffset(year, month, 1, 0, 0, 0, utcOffset);
        End = Start.AddMonths(1);
    }

    public int Year { get; }

    public int Month { get; }

    public TimeSpan UtcOffset { get; }

    /// <summary>The first instant of the month.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The first instant after the month.</summary>
    public DateTimeOffset End { get; }

    /// <summary>The quarter, 1 to 4.</summary>
    public int Quarter => (Month - 1) / 3 + 1;

    public static ScoringMonth China(int year, int month) => new(year, month, TimeSpan.FromHours(8));

    public bool Contains(DateTimeOffset time) => time >= Start && time < End;
}

/// <summary>A count out of a total, kept as both numbers so that months can be pooled exactly.</summary>
public readonly record struct Ratio(int Count, int Of)
{
    /// <summary>The share from 0 to 1, or null when there was nothing to count.</summary>
    public double? Value => Of == 0 ? null : (double)Count / Of;

    public static Ratio operator +(Ratio a, Ratio b) => new(a.Count + b.Count, a.Of + b.Of);

    public static Ratio Add(Ratio a, Ratio b) => a + b;

    // Written out rather than "P2": the invariant culture puts a space before the percent sign.
    public override string ToString() =>
        Value is { } value ? $"{Count}/{Of} ({value * 100:0.00}%)" : $"{Count}/{Of}";
}

/// <summary>A company's figures for one month.</summary>
/// <param name="CompanyId">The company the orders were addressed to.</param>
/// <param name="Month">The month the orders were written in.</param>
/// <param name="Response">
/// Orders accepted by their response deadline, out of the orders addressed to the company.
/// </param>
/// <param name="OnTime">Resolutions made by the resolve deadline, out of the orders whose resolution stands.</param>
/// <param name="DisposalPass">Verifications, out of verifications and rejections.</param>
public sealed record CompanyMonthScore(
    string CompanyId,
    ScoringMonth Month,
    Ratio Response,
    Ratio OnTime,
    Ratio DisposalPass);

/// <summary>
/// Monthly figures per company from the outcomes of its work orders, of the kind the Beijing shared-bike practice
/// publishes (operator response rate, disposal pass rate). Pure.
/// </summary>
/// <remarks>
/// An order counts in the month it was written, with everything that later happened to it up to the time the
/// scores are computed. Not counted: orders addressed to teams (they carry no credit); for the response rate,
/// orders cancelled before anyone accepted them and before their response deadline, and orders whose response
/// clock is still running (neither can yet be held for or against the company). Each verification and each
/// rejection is one disposal check, so an order rejected once and then verified counts one failure and one pass.
/// </remarks>
public static class CompanyScorecard
{
    public static IReadOnlyList<CompanyMonthScore> Compute(
        IEnumerable<WorkOrder> orders,
        ScoringMonth month,
        DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(month);

        return orders
            .Where(order => order.Addressee.Kind == AddresseeKind.Company && month.Contains(order.CreatedAt))
            .GroupBy(order => order.Addressee.Id, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => Score(group.Key, month, group, asOf))
            .ToArray();
    }

    private static CompanyMonthScore Score(
        string companyId,
        ScoringMonth month,
        IEnumerable<WorkOrder> orders,
        DateTimeOffset asOf)
    {
        var response = default(Ratio);
        var onTime = default(Ratio);
        var disposal = default(Ratio);
        foreach (var order in orders)
        {
            var record = order.ToRecord();
            var acceptedAt = order.AcceptedAt;
            var cancelledAt = order.CancelledAt;
            var deadline = record.Clock.ResponseDeadline;

            var stillOpen = acceptedAt is null && cancelledAt is null && asOf <= deadline;
            var withdrawnInTime = acceptedAt is null && cancelledAt <= deadline;
            if (!stillOpen && !withdrawnInTime)
            {
                response += new Ratio(acceptedAt <= deadline ? 1 : 0, 1);
            }

            if (order.ResolvedAt is { } resolvedAt)
            {
                onTime += new Ratio(resolvedAt <= record.Clock.ResolveDeadline ? 1 : 0, 1);
            }

            var passes = record.History.Count(e => e.Action == WorkOrderAction.Verify);
            var checks = passes + record.History.Count(e => e.Action == WorkOrderAction.Reject);
            disposal += new Ratio(passes, checks);
        }

        return new CompanyMonthScore(companyId, month, response, onTime, disposal);
    }
}
