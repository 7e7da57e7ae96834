using GeoCredit.Core.Credit;
using GeoCredit.Core.Tracking;
using Microsoft.Extensions.Time.Testing;

namespace GeoCredit.Core.Tests.Credit;

public sealed class CreditRegistryLinkTests
{
    private static readonly DateTimeOffset Morning = new(2025, 5, 6, 8, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Evening = Morning.AddHours(10);
    private static readonly DateTimeOffset Night = Morning.AddHours(14);

    private static readonly SubjectRef Truck = new(SubjectKind.Vehicle, "鲁E12345");
    private static readonly SubjectRef Wang = new(SubjectKind.Driver, "370502198001011234");
    private static readonly SubjectRef Li = new(SubjectKind.Driver, "370502198502025678");
    private static readonly SubjectRef Carrier = new(SubjectKind.Company, "91370500MA3C000001");
    private static readonly SubjectRef Vessel = new(SubjectKind.Vessel, "413000001");
    private static readonly SubjectRef Shipping = new(SubjectKind.Company, "anqing-shipping");
    private static readonly SubjectRef Sailor = new(SubjectKind.Crew, "crew-0042");
    private static readonly SubjectRef Yacht = new(SubjectKind.Yacht, "HP-017");
    private static readonly SubjectRef Club = new(SubjectKind.Club, "huangpu-club-1");

    private readonly CreditRegistry _registry = new(new FakeTimeProvider(Morning.AddDays(1)));

    [Fact]
    public void LinkedAt_follows_driver_shifts()
    {
        _registry.Link(Truck, LinkKind.Driver, Wang, Morning, "dispatch");
        _registry.Link(Truck, LinkKind.Driver, Li, Evening, "dispatch");

        Assert.Null(_registry.LinkedAt(Truck, LinkKind.Driver, Morning.AddTicks(-10)));
        Assert.Equal(Wang, _registry.LinkedAt(Truck, LinkKind.Driver, Morning));
        Assert.Equal(Wang, _registry.LinkedAt(Truck, LinkKind.Driver, Evening.AddTicks(-10)));
        Assert.Equal(Li, _registry.LinkedAt(Truck, LinkKind.Driver, Evening));
        Assert.Equal(
            [Evening, (DateTimeOffset?)null],
            _registry.LinkHistory(Truck, LinkKind.Driver).Select(l => l.ValidUntil));
    }

    [Fact]
    public void Link_returns_the_change_and_nothing_when_the_same_target_is_linked_again()
    {
        var first = _registry.Link(Truck, LinkKind.Driver, Wang, Morning, "dispatch");
        var again = _registry.Link(Truck, LinkKind.Driver, Wang, Evening, "dispatch");
        var next = _registry.Link(Truck, LinkKind.Driver, Li, Evening, "dispatch");

        Assert.Equal(new LinkChange(Truck, LinkKind.Driver, null, Wang, Morning, "dispatch"), first);
        Assert.Null(again);
        Assert.Equal((Wang, Li), (next?.OldTarget, next?.NewTarget));
        Assert.Equal([Truck], next?.AffectedSubjects);
    }

    [Fact]
    public void Unlink_ends_the_shift()
    {
        _registry.Link(Truck, LinkKind.Driver, Wang, Morning, "dispatch");

        var change = _registry.Unlink(Truck, LinkKind.Driver, Evening, "shift over");

        Assert.Equal((Wang, (SubjectRef?)null), (change?.OldTarget, change?.NewTarget));
        Assert.Null(_registry.LinkedAt(Truck, LinkKind.Driver, Night));
        Assert.Null(_registry.Unlink(Truck, LinkKind.Driver, Night, "again"));
    }

    [Theory]
    [InlineData(LinkKind.Driver, SubjectKind.Vessel, SubjectKind.Driver)]
    [InlineData(LinkKind.Driver, SubjectKind.Vehicle, SubjectKind.Company)]
    [InlineData(LinkKind.Club, SubjectKind.Vessel, SubjectKind.Club)]
    [InlineData(LinkKind.Operator, SubjectKind.Vehicle, SubjectKind.Operator)]
    [InlineData(LinkKind.Vessel, SubjectKind.Vehicle, SubjectKind.Vessel)]
    [InlineData(LinkKind.Company, SubjectKind.Company, SubjectKind.Company)]
    public void Link_between_kinds_the_link_does_not_join_throws(LinkKind kind, SubjectKind from, SubjectKind to)
    {
        Assert.Throws<ArgumentException>(
            () => _registry.Link(new SubjectRef(from, "a"), kind, new SubjectRef(to, "b"), Morning, "s"));
    }

    [Fact]
    public void EffectiveGrades_truck_green_and_driver_red_finds_red()
    {
        _registry.SetGrade(Truck, "hazmat", "green", Morning.AddDays(-30), "Dongying platform", "r");
        _registry.SetGrade(Wang, "hazmat", "red", Morning.AddDays(-3), "Dongying platform", "fatigue driving");
        _registry.Link(Truck, LinkKind.Driver, Wang, Morning, "dispatch");

        var grades = _registry.EffectiveGrades(Truck, Morning.AddHours(1));

        Assert.True(grades.Any("hazmat", "red"));
        var red = Assert.IsType<EffectiveGrade>(grades.FirstMatching("hazmat", "red"));
        Assert.Equal((Wang, LinkKind.Driver), (red.Holder, red.Via));
        Assert.Equal("red", grades.Worst("hazmat")?.Level);
        Assert.True(grades.IsAtOrWorse("hazmat", "yellow"));
        Assert.Equal("red", _registry.WorstEffectiveGrade(Truck, "hazmat", Morning.AddHours(1))?.Level);
    }

    [Fact]
    public void EffectiveGrades_after_the_red_driver_leaves_are_the_truck_own()
    {
        _registry.SetGrade(Truck, "hazmat", "green", Morning.AddDays(-30), "p", "r");
        _registry.SetGrade(Wang, "hazmat", "red", Morning.AddDays(-3), "p", "r");
        _registry.SetGrade(Li, "hazmat", "green", Morning.AddDays(-3), "p", "r");
        _registry.Link(Truck, LinkKind.Driver, Wang, Morning, "dispatch");
        _registry.Link(Truck, LinkKind.Driver, Li, Evening, "dispatch");

        var grades = _registry.EffectiveGrades(Truck, Night);

        Assert.False(grades.Any("hazmat", "red"));
        Assert.Equal([Truck, Li], grades.All.Select(g => g.Holder));
        Assert.True(_registry.EffectiveGrades(Truck, Morning.AddHours(1)).Any("HAZMAT", "Red"));
    }

    [Fact]
    public void EffectiveGrades_include_the_company_and_every_scheme()
    {
        _registry.SetGrade(Truck, "hazmat", "yellow", Morning, "p", "r");
        _registry.SetGrade(Carrier, "risk", "high", Morning, "p", "r");
        _registry.Link(Truck, LinkKind.Company, Carrier, Morning, "registry");

        var grades = _registry.EffectiveGrades(Truck, Evening);

        Assert.Equal(["hazmat", "risk"], grades.All.Select(g => g.Grade.SchemeId));
        Assert.Equal((LinkKind?)LinkKind.Company, grades.Worst("risk")?.Via);
        Assert.Null(grades.Worst("abc"));
    }

    [Fact]
    public void EffectiveGrades_of_the_subject_win_a_tie()
    {
        _registry.SetGrade(Truck, "hazmat", "red", Morning, "p", "r");
        _registry.SetGrade(Wang, "hazmat", "red", Morning, "p", "r");
        _registry.Link(Truck, LinkKind.Driver, Wang, Morning, "dispatch");

        Assert.Equal(Truck, _registry.EffectiveGrades(Truck, Evening).Worst("hazmat")?.Holder);
        Assert.Equal(Truck, _registry.WorstEffectiveGrade(Truck, "hazmat", Evening)?.Holder);
    }

    [Fact]
    public void EffectiveGrades_of_a_vessel_include_its_crew()
    {
        _registry.SetGrade(Vessel, "anqing", "green", Morning, "Anqing platform", "r");
        _registry.SetGrade(Sailor, "anqing", "red", Morning, "Anqing platform", "certificate lapsed");
        _registry.Link(Sailor, LinkKind.Vessel, Vessel, Morning, "crew list");

        var grades = _registry.EffectiveGrades(Vessel, Evening);

        Assert.Equal("red", grades.Worst("anqing")?.Level);
        var worst = grades.Worst("anqing");
        Assert.Equal((Sailor, (LinkKind?)LinkKind.Vessel), (worst?.Holder, worst?.Via));
        Assert.False(_registry.EffectiveGrades(Sailor, Evening).Any("anqing", "green"));
    }

    [Fact]
    public void EffectiveGrades_of_a_vessel_leave_out_crew_who_moved_on()
    {
        var otherVessel = new SubjectRef(SubjectKind.Vessel, "413000002");
        _registry.SetGrade(Sailor, "anqing", "red", Morning, "p", "r");
        _registry.Link(Sailor, LinkKind.Vessel, Vessel, Morning, "crew list");
        _registry.Link(Sailor, LinkKind.Vessel, otherVessel, Evening, "crew list");

        Assert.Equal(0, _registry.EffectiveGrades(Vessel, Night).Count);
        Assert.Equal(1, _registry.EffectiveGrades(otherVessel, Night).Count);
        Assert.Null(_registry.WorstEffectiveGrade(Vessel, "anqing", Night));
    }

    [Fact]
    public void EffectiveGrades_of_an_unknown_subject_are_none()
    {
        Assert.Same(EffectiveGrades.None, _registry.EffectiveGrades(Truck, Morning));
        Assert.Null(_registry.WorstEffectiveGrade(Truck, "no-such-scheme", Morning));
    }

    [Fact]
    public void SubjectsAffectedBy_a_driver_are_the_driver_and_the_truck_they_drive_now()
    {
        var otherTruck = new SubjectRef(SubjectKind.Vehicle, "鲁E99999");
        _registry.Link(Truck, LinkKind.Driver, Wang, Morning, "dispatch");
        _registry.Link(otherTruck, LinkKind.Driver, Wang, Evening, "dispatch");
        _registry.Link(Truck, LinkKind.Driver, Li, Evening, "dispatch");

        Assert.Equal([Wang, Truck], _registry.SubjectsAffectedBy(Wang, Morning.AddHours(1)));
        Assert.Equal([Wang, otherTruck], _registry.SubjectsAffectedBy(Wang, Night));
    }

    [Fact]
    public void SubjectsAffectedBy_a_company_are_its_vessels_and_by_crew_their_vessel()
    {
        _registry.Link(Vessel, LinkKind.Company, Shipping, Morning, "registry");
        _registry.Link(Sailor, LinkKind.Vessel, Vessel, Morning, "crew list");

        Assert.Equal([Shipping, Vessel], _registry.SubjectsAffectedBy(Shipping, Evening));
        Assert.Equal([Sailor, Vessel], _registry.SubjectsAffectedBy(Sailor, Evening));
    }

    [Fact]
    public void LinkChange_of_crew_affects_the_old_and_new_vessel()
    {
        var otherVessel = new SubjectRef(SubjectKind.Vessel, "413000002");
        _registry.Link(Sailor, LinkKind.Vessel, Vessel, Morning, "crew list");

        var change = _registry.Link(Sailor, LinkKind.Vessel, otherVessel, Evening, "crew list");

        Assert.Equal([Vessel, otherVessel], change?.AffectedSubjects);
    }

    [Fact]
    public void LinkedTo_a_club_are_its_yachts_then()
    {
        var other = new SubjectRef(SubjectKind.Yacht, "HP-018");
        _registry.Link(Yacht, LinkKind.Club, Club, Morning, "club list");
        _registry.Link(other, LinkKind.Club, Club, Evening, "club list");

        Assert.Equal([Yacht], _registry.LinkedTo(Club, Morning.AddHours(1)).Select(l => l.Subject));
        Assert.Equal(
            [Yacht, other],
            _registry.LinkedTo(Club, LinkKind.Club, Night).Select(l => l.Subject).OrderBy(s => s.Id));
    }

    [Fact]
    public void SubjectOf_maps_a_terminal_number_to_its_vehicle_and_defaults_to_the_same_id()
    {
        _registry.MapObject("013800138000", Truck);

        Assert.Equal(Truck, _registry.SubjectOf("013800138000", ObjectKind.Truck));
        Assert.Equal(
            new SubjectRef(SubjectKind.Vessel, "413000001"),
            _registry.SubjectOf("413000001", ObjectKind.Vessel));
        Assert.Equal(["013800138000", "鲁E12345"], _registry.ObjectsOf(Truck));
    }

    [Fact]
    public void MapObject_again_moves_the_object_to_the_new_subject()
    {
        var otherTruck = new SubjectRef(SubjectKind.Vehicle, "鲁E99999");
        _registry.MapObject("013800138000", Truck);

        _registry.MapObject("013800138000", otherTruck);

        Assert.Equal(["鲁E12345"], _registry.ObjectsOf(Truck));
        Assert.Equal(["013800138000", "鲁E99999"], _registry.ObjectsOf(otherTruck));
        _registry.UnmapObject("013800138000");
        Assert.Equal(
            new SubjectRef(SubjectKind.Bike, "013800138000"),
            _registry.SubjectOf("013800138000", ObjectKind.Bike));
    }

    [Fact]
    public void ObjectsOf_a_driver_is_empty_and_of_an_id_mapped_elsewhere_leaves_it_out()
    {
        _registry.MapObject("413000001", Vessel);
        _registry.MapObject("鲁E12345", new SubjectRef(SubjectKind.Vehicle, "鲁E99999"));

        Assert.Empty(_registry.ObjectsOf(Wang));
        Assert.Empty(_registry.ObjectsOf(Truck));
        Assert.Equal(["413000001"], _registry.ObjectsOf(Vessel));
    }

    [Fact]
    public void Load_links_rebuilds_history_and_the_reverse_index()
    {
        var rows = new[]
        {
            new Link(Truck, LinkKind.Driver, Li, Evening, null, "storage"),
            new Link(Truck, LinkKind.Driver, Wang, Morning, Night, "storage"),
        };

        _registry.Load([], rows);

        Assert.Equal(Wang, _registry.LinkedAt(Truck, LinkKind.Driver, Morning));
        Assert.Equal(Li, _registry.LinkedAt(Truck, LinkKind.Driver, Night));
        Assert.Equal([Truck], _registry.LinkedTo(Li, Night).Select(l => l.Subject));
        Assert.Equal(2, _registry.AllLinks().Count());
    }

    [Fact]
    public void Load_a_link_its_kind_forbids_throws()
    {
        var rows = new[] { new Link(Truck, LinkKind.Club, Club, Morning, null, "storage") };

        Assert.Throws<ArgumentException>(() => _registry.Load([], rows));
    }
}
