using GeoCredit.Core.Dispatch;

namespace GeoCredit.Core.Tests.Dispatch;

public sealed class NearestMemberTests
{
    private static readonly DateTimeOffset Now = new(2025, 5, 6, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(5);

    // The order stands at Tiananmen East; 0.001 degree of latitude is about 111 m.
    private const double Lon = 116.397;
    private const double Lat = 39.909;

    [Fact]
    public void Nearest_available_fresh_member_is_chosen_over_nearer_stale_and_unavailable_ones()
    {
        MemberPosition[] members =
        [
            new("stale", Lon, Lat + 0.0001, Now.AddMinutes(-6), Available: true),
            new("busy", Lon, Lat + 0.0002, Now, Available: false),
            new("near", Lon, Lat + 0.003, Now.AddMinutes(-5), Available: true),
            new("far", Lon, Lat + 0.01, Now, Available: true),
        ];

        var choice = NearestMember.Find(members, Lon, Lat, Now, Fresh);

        Assert.NotNull(choice);
        Assert.Equal("near", choice.UserId);
        Assert.Equal(333.6, choice.DistanceM, precision: 1);
    }

    [Fact]
    public void No_member_is_chosen_when_all_are_stale_or_unavailable()
    {
        MemberPosition[] members =
        [
            new("stale", Lon, Lat, Now.AddHours(-1), Available: true),
            new("busy", Lon, Lat, Now, Available: false),
        ];

        Assert.Null(NearestMember.Find(members, Lon, Lat, Now, Fresh));
        Assert.Null(NearestMember.Find([], Lon, Lat, Now, Fresh));
    }

    [Fact]
    public void Member_beyond_the_distance_bound_is_not_chosen()
    {
        MemberPosition[] members = [new("far", Lon + 0.05, Lat, Now, Available: true)];

        Assert.Null(NearestMember.Find(members, Lon, Lat, Now, Fresh, maxDistanceM: 2_000));
        Assert.Equal("far", NearestMember.Find(members, Lon, Lat, Now, Fresh, maxDistanceM: 5_000)?.UserId);
    }

    [Fact]
    public void Tie_goes_to_the_fresher_report_then_to_the_smaller_user_id_whatever_the_input_order()
    {
        MemberPosition[] sameTime =
        [
            new("staff-b", Lon, Lat + 0.001, Now, Available: true),
            new("staff-a", Lon, Lat + 0.001, Now, Available: true),
        ];
        MemberPosition[] fresher =
        [
            new("staff-a", Lon, Lat + 0.001, Now.AddMinutes(-2), Available: true),
            new("staff-b", Lon, Lat + 0.001, Now.AddMinutes(-1), Available: true),
        ];

        Assert.Equal("staff-a", NearestMember.Find(sameTime, Lon, Lat, Now, Fresh)?.UserId);
        Assert.Equal("staff-a", NearestMember.Find(sameTime.Reverse(), Lon, Lat, Now, Fresh)?.UserId);
        Assert.Equal("staff-b", NearestMember.Find(fresher, Lon, Lat, Now, Fresh)?.UserId);
        Assert.Equal("staff-b", NearestMember.Find(fresher.Reverse(), Lon, Lat, Now, Fresh)?.UserId);
    }

    [Fact]
    public void Position_reported_ahead_of_now_counts_as_fresh()
    {
        MemberPosition[] members = [new("fast-clock", Lon, Lat, Now.AddSeconds(30), Available: true)];

        Assert.Equal("fast-clock", NearestMember.Find(members, Lon, Lat, Now, Fresh)?.UserId);
    }

    [Theory]
    [InlineData(0, 0, 0, 1, 111_195.1)]
    [InlineData(0, 0, 1, 0, 111_195.1)]
    [InlineData(116.397, 39.909, 121.473, 31.230, 1_067_600)]
    [InlineData(0, 0, 180, 0, 20_015_115)]
    public void Haversine_gives_great_circle_metres(double lon1, double lat1, double lon2, double lat2, double metres)
    {
        var distance = NearestMember.HaversineM(lon1, lat1, lon2, lat2);

        Assert.Equal(metres, distance, metres * 0.001);
    }
}
