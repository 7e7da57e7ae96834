using GeoCredit.Core.Dispatch;

namespace GeoCredit.Core.Tests.Dispatch;

public sealed class AlertTests
{
    private static readonly DateTimeOffset T0 = new(2025, 5, 6, 9, 0, 0, TimeSpan.FromHours(8));

    public static TheoryData<AlertState, AlertAction> AllMoves()
    {
        var moves = new TheoryData<AlertState, AlertAction>();
        foreach (var state in Enum.GetValues<AlertState>())
        {
            foreach (var action in Enum.GetValues<AlertAction>())
            {
                moves.Add(state, action);
            }
        }

        return moves;
    }

    [Theory]
    [MemberData(nameof(AllMoves))]
    public void Move_from_any_state_is_allowed_only_forward(AlertState state, AlertAction action)
    {
        var alert = Alert.Restore(New().ToRecord() with { State = state });
        var expected = Alert.Transition(state, action);

        var attempt = Record.Exception(() =>
        {
            if (action == AlertAction.Acknowledge)
            {
                alert.Acknowledge("controller-1", T0);
            }
            else
            {
                alert.Resolve("controller-1", T0);
            }
        });

        if (expected is { } to)
        {
            Assert.Null(attempt);
            Assert.Equal(to, alert.State);
        }
        else
        {
            var refused = Assert.IsType<IllegalTransitionException>(attempt);
            Assert.Equal(state.ToString(), refused.State);
            Assert.StartsWith($"Alert a-1 is {state}; it cannot be ", refused.Message, StringComparison.Ordinal);
            Assert.Equal(state, alert.State);
        }
    }

    [Fact]
    public void Alert_goes_open_acknowledged_resolved_and_keeps_who_and_when()
    {
        var alert = New();

        alert.Acknowledge("controller-1", T0.AddMinutes(1));
        alert.Resolve("controller-2", T0.AddMinutes(5), "Bike moved.");

        var stored = alert.ToRecord();
        Assert.Equal(AlertState.Resolved, stored.State);
        Assert.Equal(("controller-1", T0.AddMinutes(1)), (stored.AcknowledgedBy, stored.AcknowledgedAt));
        Assert.Equal(("controller-2", T0.AddMinutes(5)), (stored.ResolvedBy, stored.ResolvedAt));
        Assert.Equal("Bike moved.", stored.ResolutionNote);
        Assert.Equal(stored, Alert.Restore(stored).ToRecord());
    }

    [Fact]
    public void Evidence_keeps_the_grade_and_names_of_the_moment()
    {
        var alert = New();

        Assert.Equal(new GradeAtRaise("operators", "C"), alert.Evidence.Grade);
        Assert.Equal("Tiananmen East", alert.Evidence.ZoneName);
        Assert.Equal(new AlertKey("bike-1", "bike-in-no-parking", "zone-7"), alert.Key);
    }

    private static Alert New() => new("a-1", "bike-in-no-parking", "bike-1", "zone-7", AlertSeverity.High, T0,
        new AlertEvidence(116.397, 39.909, T0.AddSeconds(-5), new GradeAtRaise("operators", "C"), "No parking",
            "Tiananmen East", "Bike parked in a no-parking zone."));
}
