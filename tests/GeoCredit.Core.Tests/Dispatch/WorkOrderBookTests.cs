using GeoCredit.Core.Dispatch;
using Microsoft.Extensions.Time.Testing;
using static GeoCredit.Core.Tests.Dispatch.TestOrders;

namespace GeoCredit.Core.Tests.Dispatch;

public sealed class WorkOrderBookTests
{
    private readonly FakeTimeProvider _clock = new(T0);

    [Fact]
    public void Book_finds_orders_by_id_team_company_and_assignee()
    {
        var book = new WorkOrderBook(_clock);
        var forOperator = New("wo-1");
        var forPatrol = New("wo-2", addressee: Addressee.Team("patrol-dongcheng"), assignee: "staff-2");
        var forOther = New("wo-3", addressee: Addressee.Company("operator-b"), createdAt: T0.AddMinutes(1));

        book.Load([forOther, forPatrol, forOperator]);

        Assert.Equal(3, book.Count);
        Assert.True(book.TryGet("wo-2", out var found));
        Assert.Same(forPatrol, found);
        Assert.False(book.TryGet("wo-9", out _));
        Assert.Equal([forOperator], book.ForCompany("operator-a"));
        Assert.Equal([forPatrol], book.ForTeam("patrol-dongcheng"));
        Assert.Equal([forPatrol], book.ForAssignee("staff-2"));
        Assert.Empty(book.ForTeam("operator-a"));
        Assert.Equal(["wo-1", "wo-2", "wo-3"], book.All().Select(o => o.Id));
    }

    [Fact]
    public void Book_follows_a_change_of_assignee()
    {
        var book = new WorkOrderBook(_clock);
        var order = New(addressee: Addressee.Team("patrol-dongcheng"));
        book.Add(order);

        order.Dispatch("controller-1", T0, assignee: "staff-2");
        order.Dispatch("controller-1", T0.AddMinutes(2), assignee: "staff-3");

        Assert.Empty(book.ForAssignee("staff-2"));
        Assert.Equal([order], book.ForAssignee("staff-3"));
    }

    [Fact]
    public void Book_indexes_whoever_accepts_an_unassigned_order()
    {
        var book = new WorkOrderBook(_clock);
        var order = New();
        book.Add(order);
        order.Dispatch("controller-1", T0);

        order.Accept("operator-a-staff-7", T0.AddMinutes(1));

        Assert.Equal([order], book.ForAssignee("operator-a-staff-7"));
    }

    [Fact]
    public void Book_refuses_an_id_twice_and_an_order_held_by_another_book()
    {
        var book = new WorkOrderBook(_clock);
        var other = new WorkOrderBook(_clock);
        var order = New();
        book.Add(order);

        Assert.Throws<ArgumentException>(() => book.Add(New()));
        Assert.Throws<InvalidOperationException>(() => other.Add(order));
        Assert.Equal(0, other.Count);
    }

    [Fact]
    public void Closed_order_leaves_the_book_at_the_next_scan_after_one_last_look()
    {
        var book = new WorkOrderBook(_clock);
        var order = New();
        book.Add(order);
        order.Dispatch("controller-1", T0);
        order.Accept("operator-a-staff-7", T0.AddMinutes(6));
        order.Resolve("operator-a-staff-7", T0.AddMinutes(10), "Moved it.");
        order.Verify("controller-1", T0.AddMinutes(11));

        Assert.Equal(1, book.Count);
        _clock.Advance(TimeSpan.FromMinutes(12));
        var scan = book.ScanOverdue();

        Assert.Equal(ClockKind.Response, Assert.Single(scan.Deductions).Clock);
        Assert.Equal(0, book.Count);
        Assert.Empty(book.ForCompany("operator-a"));
        Assert.Empty(book.ForAssignee("operator-a-staff-7"));
    }

    [Fact]
    public void Book_of_many_orders_changed_from_many_threads_stays_consistent()
    {
        var book = new WorkOrderBook(_clock);
        var orders = Enumerable.Range(0, 200)
            .Select(i => New($"wo-{i:D3}", addressee: Addressee.Team("patrol-dongcheng")))
            .ToArray();
        book.Load(orders);

        Parallel.ForEach(orders, order =>
        {
            order.Dispatch("controller-1", T0, assignee: "staff-2");
            order.Dispatch("controller-1", T0, assignee: $"staff-{order.Id}");
        });

        Assert.Empty(book.ForAssignee("staff-2"));
        Assert.All(orders, order => Assert.Equal([order], book.ForAssignee($"staff-{order.Id}")));
        Assert.Equal(200, book.ForTeam("patrol-dongcheng").Count);
    }
}
