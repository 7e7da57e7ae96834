using GeoCredit.Core.Dispatch;

namespace GeoCredit.Core.Tests.Dispatch;

public sealed class AlertBookTests
{
    private static readonly DateTimeOffset T0 = new(2025, 5, 6, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Raise_twice_while_open_keeps_one_alert_and_counts_a_repeat()
    {
        var book = new AlertBook();

        var first = book.Raise(Bike("a-1", T0));
        var second = book.Raise(Bike("a-2", T0.AddSeconds(20)));

        Assert.True(first.Opened);
        Assert.False(second.Opened);
        Assert.Same(first.Alert, second.Alert);
        Assert.Equal(1, first.Alert.Repeats);
        Assert.Equal(T0.AddSeconds(20), first.Alert.LastRaisedAt);
        Assert.Equal(["a-1"], book.Open().Select(a => a.Id));
    }

    [Fact]
    public void Raise_after_the_alert_is_resolved_opens_a_new_one()
    {
        var book = new AlertBook();
        book.Raise(Bike("a-1", T0));
        book.Acknowledge("a-1", "controller-1", T0.AddMinutes(1));
        book.Resolve("a-1", "controller-1", T0.AddMinutes(2), "Work order wo-1 verified.");

        var again = book.Raise(Bike("a-2", T0.AddMinutes(3)));

        Assert.True(again.Opened);
        Assert.Equal(["a-2"], book.Open().Select(a => a.Id));
        Assert.False(book.TryGet("a-1", out _));
    }

    [Fact]
    public void Raise_after_the_alert_was_resolved_outside_the_book_opens_a_new_one()
    {
        var book = new AlertBook();
        var first = book.Raise(Bike("a-1", T0)).Alert;
        first.Resolve("controller-1", T0.AddMinutes(1));

        var again = book.Raise(Bike("a-2", T0.AddMinutes(2)));

        Assert.True(again.Opened);
        Assert.Equal(0, first.Repeats);
        Assert.Equal(1, book.Count);
    }

    [Fact]
    public void Alerts_for_another_zone_rule_or_object_are_separate()
    {
        var book = new AlertBook();

        book.Raise(Bike("a-1", T0));
        book.Raise(Bike("a-2", T0, zoneId: "zone-8"));
        book.Raise(Bike("a-3", T0, ruleId: "zone-over-capacity"));
        book.Raise(Bike("a-4", T0, objectId: "bike-2"));
        book.Raise(Bike("a-5", T0, zoneId: null));
        book.Raise(Bike("a-6", T0, zoneId: null));

        Assert.Equal(["a-1", "a-2", "a-3", "a-4", "a-5"], book.Open().Select(a => a.Id));
    }

    [Fact]
    public void Raises_from_many_threads_open_one_alert()
    {
        var book = new AlertBook();

        var raises = Enumerable.Range(0, 500)
            .AsParallel()
            .Select(i => book.Raise(Bike($"a-{i}", T0.AddSeconds(i))))
            .ToArray();

        Assert.Single(raises, r => r.Opened);
        Assert.Equal(499, Assert.Single(book.Open()).Repeats);
    }

    [Fact]
    public void Load_after_a_restart_keeps_repeats_on_the_stored_open_alert()
    {
        var stored = Bike("a-1", T0);
        var resolved = Bike("a-0", T0.AddHours(-1));
        resolved.Resolve("controller-1", T0.AddMinutes(-30));
        var book = new AlertBook();
        book.Load([Alert.Restore(stored.ToRecord()), Alert.Restore(resolved.ToRecord())]);

        var again = book.Raise(Bike("a-2", T0.AddMinutes(1)));

        Assert.False(again.Opened);
        Assert.Equal("a-1", again.Alert.Id);
    }

    [Fact]
    public void Raise_of_a_resolved_candidate_is_refused()
    {
        var candidate = Bike("a-1", T0);
        candidate.Resolve("controller-1", T0);

        Assert.Throws<ArgumentException>(() => new AlertBook().Raise(candidate));
    }

    private static Alert Bike(
        string id,
        DateTimeOffset at,
        string objectId = "bike-1",
        string ruleId = "bike-in-no-parking",
        string? zoneId = "zone-7") =>
        new(id, ruleId, objectId, zoneId, AlertSeverity.Warning, at,
            new AlertEvidence(116.397, 39.909, at, new GradeAtRaise("users", "restricted"), "No parking",
                zoneId is null ? null : "Tiananmen East", "Bike parked in a no-parking zone."));
}
