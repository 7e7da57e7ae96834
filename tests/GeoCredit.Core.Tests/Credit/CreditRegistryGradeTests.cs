using GeoCredit.Core.Credit;
using Microsoft.Extensions.Time.Testing;

namespace GeoCredit.Core.Tests.Credit;

public sealed class CreditRegistryGradeTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset May = new(2025, 5, 1, 0, 0, 0, China);
    private static readonly DateTimeOffset June = new(2025, 6, 1, 0, 0, 0, China);
    private static readonly DateTimeOffset July = new(2025, 7, 1, 0, 0, 0, China);

    private static readonly SubjectRef Yacht = new(SubjectKind.Yacht, "HP-017");
    private static readonly SubjectRef Truck = new(SubjectKind.Vehicle, "鲁E12345");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 8, 1, 0, 0, 0, China));

    private CreditRegistry NewRegistry() => new(_clock);

    [Fact]
    public void SetGrade_first_grade_is_assigned_from_no_level()
    {
        var registry = NewRegistry();

        var change = registry.SetGrade(Yacht, "abc", "a", May, "Huangpu maritime platform", "monthly review");

        Assert.Equal(
            new GradeChange(Yacht, "abc", null, "A", May, "Huangpu maritime platform", "monthly review",
                GradeChangeKind.Assigned),
            change);
        var current = Assert.IsType<Grade>(registry.Current(Yacht, "abc"));
        Assert.Equal("A", current.Level);
        Assert.Null(current.ValidUntil);
    }

    [Fact]
    public void SetGrade_downgrade_returns_old_and_new_levels()
    {
        var registry = NewRegistry();
        registry.SetGrade(Yacht, "abc", "A", May, "platform", "monthly review");

        var change = registry.SetGrade(Yacht, "abc", "C", June, "platform", "serious violation in core zone");

        Assert.NotNull(change);
        Assert.Equal("A", change.OldLevel);
        Assert.Equal("C", change.NewLevel);
        Assert.Equal(June, change.At);
        Assert.Equal(GradeChangeKind.Downgraded, change.Kind);
        Assert.True(change.IsDowngrade);
    }

    [Fact]
    public void SetGrade_upgrade_is_marked_as_upgrade()
    {
        var registry = NewRegistry();
        registry.SetGrade(Truck, "hazmat", "red", May, "Dongying platform", "speeding");

        var change = registry.SetGrade(Truck, "hazmat", "green", June, "Dongying platform", "cleared");

        Assert.Equal(GradeChangeKind.Upgraded, change?.Kind);
    }

    [Fact]
    public void SetGrade_same_level_again_returns_no_change_and_keeps_the_grade()
    {
        var registry = NewRegistry();
        registry.SetGrade(Yacht, "abc", "B", May, "platform", "first");

        var change = registry.SetGrade(Yacht, "ABC", "b", June, "other platform", "again");

        Assert.Null(change);
        var grade = Assert.Single(registry.History(Yacht, "abc"));
        Assert.Equal(May, grade.ValidFrom);
        Assert.Equal("platform", grade.Source);
        Assert.Equal("first", grade.Reason);
    }

    [Fact]
    public void Current_after_supersede_is_the_new_grade_and_the_old_one_ends_where_it_starts()
    {
        var registry = NewRegistry();
        registry.SetGrade(Yacht, "abc", "A", May, "platform", "r");
        registry.SetGrade(Yacht, "abc", "B", June, "platform", "r");

        Assert.Equal("B", registry.Current(Yacht, "abc")?.Level);
        var history = registry.History(Yacht, "abc");
        Assert.Equal(["A", "B"], history.Select(g => g.Level));
        Assert.Equal(June, history[0].ValidUntil);
        Assert.Null(history[1].ValidUntil);
    }

    [Fact]
    public void GradeAt_time_before_a_downgrade_returns_the_grade_then()
    {
        var registry = NewRegistry();
        registry.SetGrade(Yacht, "abc", "A", May, "platform", "r");
        registry.SetGrade(Yacht, "abc", "C", June, "platform", "r");

        Assert.Equal("A", registry.GradeAt(Yacht, "abc", June.AddTicks(-10))?.Level);
        Assert.Equal("A", registry.GradeAt(Yacht, "abc", May.AddDays(15))?.Level);
    }

    [Fact]
    public void GradeAt_the_exact_start_of_a_grade_returns_that_grade()
    {
        var registry = NewRegistry();
        registry.SetGrade(Yacht, "abc", "A", May, "platform", "r");
        registry.SetGrade(Yacht, "abc", "C", June, "platform", "r");

        Assert.Equal("A", registry.GradeAt(Yacht, "abc", May)?.Level);
        Assert.Equal("C", registry.GradeAt(Yacht, "abc", June)?.Level);
        Assert.Equal("C", registry.GradeAt(Yacht, "abc", June.ToUniversalTime())?.Level);
    }

    [Fact]
    public void GradeAt_before_the_first_grade_returns_null()
    {
        var registry = NewRegistry();
        registry.SetGrade(Yacht, "abc", "A", May, "platform", "r");

        Assert.Null(registry.GradeAt(Yacht, "abc", May.AddTicks(-10)));
        Assert.Null(registry.GradeAt(Yacht, "hazmat", June));
        Assert.Null(registry.GradeAt(Truck, "abc", June));
    }

    [Fact]
    public void GradeAt_is_kept_per_scheme()
    {
        var registry = NewRegistry();
        registry.SetGrade(Truck, "hazmat", "yellow", May, "platform", "r");
        registry.SetGrade(Truck, "supervision", "listed", June, "Jiangsu list", "over limit");

        Assert.Equal("yellow", registry.GradeAt(Truck, "hazmat", July)?.Level);
        Assert.Equal(["yellow", "listed"], registry.GradesAt(Truck, July).Select(g => g.Level));
        Assert.Equal(["yellow"], registry.GradesAt(Truck, May).Select(g => g.Level));
    }

    [Fact]
    public void SetGrade_backdated_fills_history_without_overriding_the_later_grade()
    {
        var registry = NewRegistry();
        registry.SetGrade(Yacht, "abc", "A", July, "platform", "r");

        var change = registry.SetGrade(Yacht, "abc", "B", May, "late report", "r");

        Assert.Equal(GradeChangeKind.Assigned, change?.Kind);
        Assert.Equal("B", registry.GradeAt(Yacht, "abc", June)?.Level);
        Assert.Equal("A", registry.Current(Yacht, "abc")?.Level);
        Assert.Equal(July, registry.History(Yacht, "abc")[0].ValidUntil);
    }

    [Fact]
    public void SetGrade_between_two_grades_splits_the_earlier_one()
    {
        var registry = NewRegistry();
        registry.SetGrade(Yacht, "abc", "A", May, "platform", "r");
        registry.SetGrade(Yacht, "abc", "A", May, "platform", "r");
        registry.SetGrade(Yacht, "abc", "B", July, "platform", "r");

        var change = registry.SetGrade(Yacht, "abc", "C", June, "platform", "violation");

        Assert.Equal(("A", "C"), (change?.OldLevel, change?.NewLevel));
        var history = registry.History(Yacht, "abc");
        Assert.Equal(["A", "C", "B"], history.Select(g => g.Level));
        Assert.Equal([June, July, (DateTimeOffset?)null], history.Select(g => g.ValidUntil));
    }

    [Fact]
    public void SetGrade_with_the_same_start_corrects_the_grade()
    {
        var registry = NewRegistry();
        registry.SetGrade(Yacht, "abc", "A", May, "platform", "typo");

        var change = registry.SetGrade(Yacht, "abc", "B", May, "platform", "corrected");

        Assert.Equal(("A", "B"), (change?.OldLevel, change?.NewLevel));
        var grade = Assert.Single(registry.History(Yacht, "abc"));
        Assert.Equal(("B", "corrected"), (grade.Level, grade.Reason));
    }

    [Fact]
    public void SetGrade_in_the_future_is_not_current_until_its_time()
    {
        var registry = NewRegistry();
        registry.SetGrade(Yacht, "abc", "A", May, "platform", "r");
        var september = new DateTimeOffset(2025, 9, 1, 0, 0, 0, China);

        registry.SetGrade(Yacht, "abc", "B", september, "platform", "next month");

        Assert.Equal("A", registry.Current(Yacht, "abc")?.Level);
        _clock.SetUtcNow(september);
        Assert.Equal("B", registry.Current(Yacht, "abc")?.Level);
    }

    [Fact]
    public void SetGrade_with_unknown_scheme_or_level_throws()
    {
        var registry = NewRegistry();

        Assert.Throws<KeyNotFoundException>(() => registry.SetGrade(Yacht, "stars", "5", May, "p", "r"));
        Assert.Throws<ArgumentException>(() => registry.SetGrade(Yacht, "abc", "D", May, "p", "r"));
    }

    [Fact]
    public void ClearGrade_takes_a_subject_off_the_supervision_list_and_keeps_the_row()
    {
        var registry = NewRegistry();
        registry.SetGrade(Truck, "supervision", "listed", May, "Jiangsu list 2025", "over limit");

        var change = registry.ClearGrade(Truck, "supervision", July, "Jiangsu list 2025", "rebuilt in April");

        Assert.Equal(GradeChangeKind.Cleared, change?.Kind);
        Assert.Equal(("listed", (string?)null), (change?.OldLevel, change?.NewLevel));
        Assert.True(registry.IsListed(Truck, June));
        Assert.False(registry.IsListed(Truck, July));
        Assert.Null(registry.Current(Truck, "supervision"));
        Assert.Equal(July, Assert.Single(registry.History(Truck, "supervision")).ValidUntil);
    }

    [Fact]
    public void ClearGrade_without_a_grade_then_returns_no_change()
    {
        var registry = NewRegistry();
        registry.SetGrade(Truck, "hazmat", "red", June, "p", "r");

        Assert.Null(registry.ClearGrade(Truck, "hazmat", May, "p", "r"));
        Assert.Null(registry.ClearGrade(Yacht, "abc", May, "p", "r"));
    }

    [Fact]
    public void SetGrade_after_a_clearing_is_assigned_again()
    {
        var registry = NewRegistry();
        registry.SetGrade(Truck, "supervision", "listed", May, "p", "r");
        registry.ClearGrade(Truck, "supervision", June, "p", "r");

        var change = registry.SetGrade(Truck, "supervision", "listed", July, "p", "listed again");

        Assert.Equal(GradeChangeKind.Assigned, change?.Kind);
        Assert.Equal(2, registry.History(Truck, "supervision").Count);
        Assert.Null(registry.GradeAt(Truck, "supervision", June.AddDays(10)));
    }

    [Fact]
    public void Apply_returns_only_the_assignments_that_changed_a_grade()
    {
        var registry = NewRegistry();
        var assignments = new[]
        {
            new GradeAssignment(1, Yacht, "abc", "A", May, "import", ""),
            new GradeAssignment(2, Yacht, "abc", "A", June, "import", ""),
            new GradeAssignment(3, Yacht, "abc", "B", July, "import", ""),
        };

        var changes = registry.Apply(assignments);

        Assert.Equal([null, "A"], changes.Select(c => c.OldLevel));
    }

    [Fact]
    public void DefineScheme_adds_a_custom_scheme_and_refuses_to_redefine_a_built_in_one()
    {
        var registry = NewRegistry();
        var stars = GradeScheme.Create("club-stars", "Club stars", ["5", "4", "3", "2", "1"]);

        registry.DefineScheme(stars);

        Assert.Same(stars, registry.Scheme("CLUB-STARS"));
        Assert.Contains(stars, registry.Schemes);
        Assert.Throws<InvalidOperationException>(
            () => registry.DefineScheme(GradeScheme.Create("abc", "Mine", ["A", "B"])));
    }

    [Fact]
    public void DefineScheme_replacement_must_keep_every_level()
    {
        var registry = NewRegistry();
        registry.DefineScheme(GradeScheme.Create("club-stars", "Club stars", ["3", "2", "1"]));

        registry.DefineScheme(GradeScheme.Create("club-stars", "Club stars", ["4", "3", "2", "1"]));

        Assert.Equal(4, registry.Scheme("club-stars").Levels.Count);
        Assert.Throws<InvalidOperationException>(
            () => registry.DefineScheme(GradeScheme.Create("club-stars", "Club stars", ["4", "3"])));
    }

    [Fact]
    public void Load_replaces_history_from_rows_in_any_order_and_canonicalises_levels()
    {
        var registry = NewRegistry();
        registry.SetGrade(Yacht, "abc", "C", May, "memory", "r");
        var rows = new[]
        {
            new Grade(Yacht, "ABC", "b", June, null, "storage", "r"),
            new Grade(Yacht, "abc", "A", May, July, "storage", "r"),
        };

        registry.Load(rows, []);

        var history = registry.History(Yacht, "abc");
        Assert.Equal(["A", "B"], history.Select(g => g.Level));
        Assert.Equal(June, history[0].ValidUntil);
        Assert.All(history, g => Assert.Equal("abc", g.SchemeId));
        Assert.Equal(rows.Length, registry.AllGrades().Count());
    }

    [Fact]
    public void Load_with_a_bad_row_changes_nothing()
    {
        var registry = NewRegistry();
        var rows = new[]
        {
            new Grade(Yacht, "abc", "A", May, null, "storage", "r"),
            new Grade(Truck, "hazmat", "purple", May, null, "storage", "r"),
        };

        Assert.Throws<ArgumentException>(() => registry.Load(rows, []));

        Assert.Empty(registry.AllGrades());
    }
}
