using GeoCredit.Core.Geofencing;
using GeoCredit.Core.Tracking;
using static GeoCredit.Core.Tests.Geofencing.GeoTestData;

namespace GeoCredit.Core.Tests.Geofencing;

/// <summary>
/// The tracker on a virtual clock: every time comes from the fixes. Positions are metres east and north of a
/// point in Beijing; the default margin is max(5 m, 2 × accuracy).
/// </summary>
public sealed class GeofenceTrackerTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly GeofenceEngine _engine = new();

    [Fact]
    public void Observe_fix_deep_inside_enters_once_and_counts_the_object()
    {
        var tracker = Tracker(Zone("square", Box(-100, -100, 100, 100)));

        var first = tracker.Observe(Fix("bike-1", 0 * Second, 0, 0));
        var second = tracker.Observe(Fix("bike-1", 10 * Second, 1, 1));

        var enter = Assert.Single(first);
        Assert.Equal(("bike-1", "square", ZoneTransitionKind.Enter), (enter.ObjectId, enter.ZoneId, enter.Kind));
        Assert.Equal((Start, ZoneTransitionCause.Fix), (enter.Time, enter.Cause));
        Assert.Empty(second);
        Assert.Equal("square", Assert.Single(tracker.ZonesOf("bike-1")).ZoneId);
        Assert.Equal(1, tracker.CountIn("square"));
    }

    [Fact]
    public void Observe_fix_inside_by_less_than_its_accuracy_margin_does_not_enter_until_a_sharper_fix()
    {
        var tracker = Tracker(Zone("square", Box(-100, -100, 100, 100)));

        var vague = tracker.Observe(Fix("bike-1", 0 * Second, 90, 0, accuracyM: 20));
        var sharp = tracker.Observe(Fix("bike-1", 10 * Second, 90, 0, accuracyM: 3));

        Assert.Empty(vague);
        Assert.Equal(ZoneTransitionKind.Enter, Assert.Single(sharp).Kind);
    }

    [Fact]
    public void Observe_fix_outside_by_less_than_its_margin_stays_and_beyond_the_margin_exits()
    {
        var tracker = Tracker(Zone("square", Box(-100, -100, 100, 100)));
        tracker.Observe(Fix("bike-1", 0 * Second, 95, 0, accuracyM: 2));

        var near = tracker.Observe(Fix("bike-1", 10 * Second, 115, 0, accuracyM: 10));
        var beyond = tracker.Observe(Fix("bike-1", 20 * Second, 125, 0, accuracyM: 10));

        Assert.Empty(near);
        var exit = Assert.Single(beyond);
        Assert.Equal((ZoneTransitionKind.Exit, Start + (20 * Second)), (exit.Kind, exit.Time));
        Assert.Equal(0, tracker.CountIn("square"));
        Assert.Empty(tracker.ZonesOf("bike-1"));
    }

    [Fact]
    public void Observe_object_standing_on_a_boundary_with_30_m_gps_noise_does_not_flap()
    {
        var tracker = Tracker(Zone("square", Box(-300, -300, 100, 300)));

        var transitions = Jitter(tracker, new Random(2025), 1000);

        var enters = transitions.Count(t => t.Kind == ZoneTransitionKind.Enter);
        var exits = transitions.Count(t => t.Kind == ZoneTransitionKind.Exit);
        Assert.True(enters <= 1, $"{enters} entries");
        Assert.Equal(0, exits);
    }

    [Fact]
    public void Observe_without_margins_the_same_noise_flaps_which_is_what_the_margins_prevent()
    {
        var tracker = Tracker(new GeofenceTrackerOptions { BaseMarginM = 0, AccuracyFactor = 0 },
            Zone("square", Box(-300, -300, 100, 300)));

        var transitions = Jitter(tracker, new Random(2025), 1000);

        Assert.True(transitions.Count > 100, $"only {transitions.Count} transitions");
    }

    [Fact]
    public void Observe_fence_narrower_than_the_margin_is_entered_near_its_middle_only()
    {
        var centre = At(500, 500);
        var fence = ZoneGeometry.Rectangle(centre.X, centre.Y, 20, 8, 0).Geometry!;
        var tracker = Tracker(Zone("fence", fence));

        var atEdge = tracker.Observe(Fix("bike-1", 0 * Second, 502.5, 500, accuracyM: 10));
        var inMiddle = tracker.Observe(Fix("bike-2", 0 * Second, 500, 500, accuracyM: 10));

        Assert.Empty(atEdge);
        Assert.Equal(ZoneTransitionKind.Enter, Assert.Single(inMiddle).Kind);
    }

    [Fact]
    public void Observe_with_dwell_emits_dwell_once_when_the_stay_reaches_it()
    {
        var tracker = Tracker(
            new GeofenceTrackerOptions { DwellAfter = 5 * Minute }, Zone("square", Box(-100, -100, 100, 100)));

        var transitions = Enumerable.Range(0, 8)
            .SelectMany(m => tracker.Observe(Fix("truck-1", m * Minute, 0, 0)))
            .ToList();

        Assert.Equal([ZoneTransitionKind.Enter, ZoneTransitionKind.Dwell], transitions.Select(t => t.Kind));
        Assert.Equal(Start + (5 * Minute), transitions[1].Time);
    }

    [Fact]
    public void Observe_with_entry_confirmation_enters_after_the_time_dated_when_it_came_in()
    {
        var tracker = Tracker(new GeofenceTrackerOptions { EnterConfirmation = 2 * Minute },
            Zone("square", Box(-100, -100, 100, 100)));

        var first = tracker.Observe(Fix("bike-1", 0 * Minute, 0, 0));
        var second = tracker.Observe(Fix("bike-1", 1 * Minute, 0, 0));
        var third = tracker.Observe(Fix("bike-1", 2 * Minute, 0, 0));

        Assert.Empty(first);
        Assert.Empty(second);
        var enter = Assert.Single(third);
        Assert.Equal((ZoneTransitionKind.Enter, Start), (enter.Kind, enter.Time));
    }

    [Fact]
    public void Observe_with_entry_confirmation_a_visit_shorter_than_it_leaves_no_trace()
    {
        var tracker = Tracker(new GeofenceTrackerOptions { EnterConfirmation = 2 * Minute },
            Zone("square", Box(-100, -100, 100, 100)));

        var visit = tracker.Observe(Fix("bike-1", 0 * Minute, 0, 0))
            .Concat(tracker.Observe(Fix("bike-1", 1 * Minute, 300, 0)))
            .Concat(tracker.Observe(Fix("bike-1", 4 * Minute, 300, 0)));

        Assert.Empty(visit);
        Assert.Equal(0, tracker.CountIn("square"));
    }

    [Fact]
    public void Observe_fix_crossing_a_small_zone_between_reports_emits_enter_and_exit()
    {
        var tracker = Tracker(Zone("gate", Box(-20, -20, 20, 20), ZoneKind.ChemicalPark));

        var before = tracker.Observe(Fix("truck-1", 0 * Second, -300, 0, accuracyM: 10, kind: ObjectKind.Truck));
        var after = tracker.Observe(Fix("truck-1", 30 * Second, 300, 0, accuracyM: 10, kind: ObjectKind.Truck));

        Assert.Empty(before);
        Assert.Equal([ZoneTransitionKind.Enter, ZoneTransitionKind.Exit], after.Select(t => t.Kind));
        Assert.All(after, t => Assert.Equal(ZoneTransitionCause.Path, t.Cause));
        Assert.Equal(Start + (14 * Second), after[0].Time, TimeSpan.FromMilliseconds(50));
        Assert.Equal(Start + (16 * Second), after[1].Time, TimeSpan.FromMilliseconds(50));
        Assert.Equal(At(-20, 0).X, after[0].Longitude, 1e-7);
        Assert.Equal(0, tracker.CountIn("gate"));
    }

    [Fact]
    public void Observe_path_passing_beside_or_clipping_a_corner_of_a_zone_emits_nothing()
    {
        var tracker = Tracker(Zone("gate", Box(-20, -20, 20, 20)));

        var beside = tracker.Observe(Fix("truck-1", 0 * Second, -300, 25))
            .Concat(tracker.Observe(Fix("truck-1", 30 * Second, 300, 25)));
        var corner = tracker.Observe(Fix("truck-2", 0 * Second, -40, 0))
            .Concat(tracker.Observe(Fix("truck-2", 30 * Second, 0, 40)));

        Assert.Empty(beside);
        Assert.Empty(corner);
    }

    [Fact]
    public void Observe_sparse_fix_entering_a_zone_is_dated_where_the_path_crossed_its_boundary()
    {
        var tracker = Tracker(Zone("square", Box(-100, -100, 100, 100)));
        tracker.Observe(Fix("truck-1", 0 * Second, -400, 0));

        var enter = Assert.Single(tracker.Observe(Fix("truck-1", 30 * Second, 0, 0)));

        Assert.Equal((ZoneTransitionKind.Enter, ZoneTransitionCause.Path), (enter.Kind, enter.Cause));
        Assert.Equal(Start + (22.5 * Second), enter.Time, TimeSpan.FromMilliseconds(50));
        Assert.Equal(Start + (22.5 * Second), Assert.Single(tracker.ZonesOf("truck-1")).EnteredAt,
            TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Observe_object_silent_past_the_gap_that_reappears_outside_has_exited_at_reappearance()
    {
        var tracker = Tracker(Zone("square", Box(-100, -100, 100, 100)), Zone("between", Box(480, -20, 520, 20)));
        tracker.Observe(Fix("vessel-1", 0 * Minute, 0, 0));

        var back = tracker.Observe(Fix("vessel-1", 30 * Minute, 1000, 0));

        var exit = Assert.Single(back);
        Assert.Equal(("square", ZoneTransitionKind.Exit), (exit.ZoneId, exit.Kind));
        Assert.Equal((Start + (30 * Minute), ZoneTransitionCause.AfterGap), (exit.Time, exit.Cause));
    }

    [Fact]
    public void Observe_object_silent_past_the_gap_that_reappears_inside_keeps_its_stay_without_transitions()
    {
        var tracker = Tracker(Zone("square", Box(-100, -100, 100, 100)));
        tracker.Observe(Fix("vessel-1", 0 * Minute, 0, 0));

        var back = tracker.Observe(Fix("vessel-1", 45 * Minute, 20, 10));

        Assert.Empty(back);
        Assert.Equal(new ZoneStay("square", Start), Assert.Single(tracker.ZonesOf("vessel-1")));
        Assert.Equal(1, tracker.CountIn("square"));
    }

    [Fact]
    public void Observe_older_or_repeated_fix_is_ignored_and_changes_nothing()
    {
        var tracker = Tracker(Zone("square", Box(-100, -100, 100, 100)));
        tracker.Observe(Fix("bike-1", 60 * Second, 0, 0));

        var older = tracker.Observe(Fix("bike-1", 30 * Second, 900, 0));
        var repeated = tracker.Observe(Fix("bike-1", 60 * Second, 900, 0));
        var newer = tracker.Observe(Fix("bike-1", 90 * Second, 0, 0));

        Assert.Empty(older);
        Assert.Empty(repeated);
        Assert.Empty(newer);
        Assert.Equal(2, tracker.IgnoredFixes);
        Assert.Equal("square", Assert.Single(tracker.ZonesOf("bike-1")).ZoneId);
    }

    [Fact]
    public void Observe_after_zones_are_replaced_judges_the_new_shape_without_a_restart()
    {
        var tracker = Tracker(Zone("square", Box(-100, -100, 100, 100)));
        tracker.Observe(Fix("bike-1", 0 * Second, 0, 0));

        _engine.Replace([Zone("square", Box(1000, -100, 1200, 100), version: 2)]);
        var moved = tracker.Observe(Fix("bike-1", 10 * Second, 0, 0));
        var followed = tracker.Observe(Fix("bike-1", 20 * Second, 1100, 0));

        Assert.Equal(2, _engine.Version);
        Assert.Equal(ZoneTransitionKind.Exit, Assert.Single(moved).Kind);
        Assert.Equal(ZoneTransitionKind.Enter, Assert.Single(followed).Kind);
    }

    [Fact]
    public void Observe_after_a_zone_is_removed_exits_it_saying_so()
    {
        var tracker = Tracker(Zone("square", Box(-100, -100, 100, 100)));
        tracker.Observe(Fix("bike-1", 0 * Second, 0, 0));

        _engine.Replace([]);
        var exit = Assert.Single(tracker.Observe(Fix("bike-1", 10 * Second, 0, 0)));

        Assert.Equal((ZoneTransitionKind.Exit, ZoneTransitionCause.ZoneRemoved), (exit.Kind, exit.Cause));
        Assert.Equal(0, tracker.CountIn("square"));
    }

    [Fact]
    public void ReevaluateAll_applies_a_zone_change_to_every_object_at_the_given_time()
    {
        var tracker = Tracker(Zone("square", Box(-100, -100, 100, 100)));
        foreach (var id in new[] { "bike-1", "bike-2", "bike-3" })
        {
            tracker.Observe(Fix(id, 0 * Second, 0, 0));
        }

        Assert.Equal(3, tracker.CountIn("square"));
        _engine.Replace([Zone("other", Box(-50, -50, 50, 50))]);
        var at = Start + (5 * Minute);
        var transitions = tracker.ReevaluateAll(at);

        Assert.Equal(6, transitions.Count);
        Assert.All(transitions, t => Assert.Equal(at, t.Time));
        Assert.Equal(3, transitions.Count(t => t is
        {
            Kind: ZoneTransitionKind.Exit,
            Cause: ZoneTransitionCause.ZoneRemoved,
        }));
        Assert.Equal(3, transitions.Count(t => t is
        {
            Kind: ZoneTransitionKind.Enter,
            Cause: ZoneTransitionCause.Reevaluation,
        }));
        Assert.Equal(0, tracker.CountIn("square"));
        Assert.Equal(new Dictionary<string, int> { ["other"] = 3 }, tracker.Occupancy());
    }

    [Fact]
    public void CountIn_follows_objects_entering_and_leaving()
    {
        var tracker = Tracker(Zone("fence", Box(0, 0, 40, 20)), Zone("other", Box(500, 0, 540, 20)));

        tracker.Observe(Fix("bike-1", 0 * Second, 20, 10));
        tracker.Observe(Fix("bike-2", 0 * Second, 20, 10));
        tracker.Observe(Fix("bike-3", 0 * Second, 520, 10));
        tracker.Observe(Fix("bike-2", 10 * Minute, 520, 10));

        Assert.Equal(1, tracker.CountIn("fence"));
        Assert.Equal(2, tracker.CountIn("other"));
        Assert.Equal(0, tracker.CountIn("nowhere"));
        Assert.Equal(3, tracker.ObjectCount);
    }

    private GeofenceTracker Tracker(params Zone[] zones) => Tracker(new GeofenceTrackerOptions(), zones);

    private GeofenceTracker Tracker(GeofenceTrackerOptions options, params Zone[] zones)
    {
        _engine.Replace(zones);
        return new GeofenceTracker(_engine, options);
    }

    /// <summary>
    /// An object standing on the zone's east edge, a fix every 10 s, each reporting an accuracy of 10 to 30 m and
    /// off by Gaussian noise of half that per axis: errors up to 30 m are common, beyond 50 m rare.
    /// </summary>
    private static List<ZoneTransition> Jitter(GeofenceTracker tracker, Random random, int fixes)
    {
        var transitions = new List<ZoneTransition>();
        for (var i = 0; i < fixes; i++)
        {
            var accuracy = 10 + (20 * random.NextDouble());
            var east = 100 + (Gaussian(random) * accuracy / 2);
            var north = Gaussian(random) * accuracy / 2;
            transitions.AddRange(tracker.Observe(Fix("bike-1", i * 10 * Second, east, north, accuracy)));
        }

        return transitions;
    }
}
