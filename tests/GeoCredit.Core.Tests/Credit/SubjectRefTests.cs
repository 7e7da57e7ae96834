using GeoCredit.Core.Credit;
using GeoCredit.Core.Tracking;

namespace GeoCredit.Core.Tests.Credit;

public sealed class SubjectRefTests
{
    [Fact]
    public void SubjectKinds_round_trip_through_their_wire_names()
    {
        foreach (var kind in SubjectKinds.All)
        {
            Assert.True(SubjectKinds.TryParse(kind.ToWire().ToUpperInvariant(), out var parsed));
            Assert.Equal(kind, parsed);
        }

        Assert.Equal(10, SubjectKinds.All.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("truck")]
    [InlineData("vehicles")]
    public void SubjectKinds_refuse_unknown_names(string text)
    {
        Assert.False(SubjectKinds.TryParse(text, out _));
        Assert.Throws<FormatException>(() => SubjectKinds.Parse(text));
    }

    [Theory]
    [InlineData(ObjectKind.Bike, SubjectKind.Bike)]
    [InlineData(ObjectKind.Truck, SubjectKind.Vehicle)]
    [InlineData(ObjectKind.Vessel, SubjectKind.Vessel)]
    [InlineData(ObjectKind.Yacht, SubjectKind.Yacht)]
    public void ForObject_maps_each_tracked_kind_to_its_subject_kind(ObjectKind objectKind, SubjectKind expected)
    {
        var subject = SubjectRef.ForObject("412345678", objectKind);

        Assert.Equal(new SubjectRef(expected, "412345678"), subject);
    }

    [Fact]
    public void SubjectRef_compares_kind_and_id_ordinally()
    {
        Assert.Equal(new SubjectRef(SubjectKind.Vehicle, "鲁E1"), new SubjectRef(SubjectKind.Vehicle, "鲁E1"));
        Assert.NotEqual(new SubjectRef(SubjectKind.Vehicle, "a"), new SubjectRef(SubjectKind.Vehicle, "A"));
        Assert.NotEqual(new SubjectRef(SubjectKind.Vehicle, "a"), new SubjectRef(SubjectKind.Driver, "a"));
        Assert.Equal("vehicle:鲁E12345", new SubjectRef(SubjectKind.Vehicle, "鲁E12345").ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void SubjectRef_without_id_throws(string id)
    {
        Assert.Throws<ArgumentException>(() => new SubjectRef(SubjectKind.Vessel, id));
    }

    [Fact]
    public void SubjectRef_with_overlong_id_throws()
    {
        Assert.Throws<ArgumentException>(() => new SubjectRef(SubjectKind.Vessel, new string('9', 65)));
    }
}
