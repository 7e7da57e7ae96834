namespace GeoCredit.Core.Dispatch;

/// <summary>A team member's last reported position and whether they said they can take an order.</summary>
public sealed record MemberPosition(
    string UserId,
    double Longitude,
    double Latitude,
    DateTimeOffset ReportedAt,
    bool Available);

/// <summary>The member chosen for an order, and how far they are from it in metres.</summary>
public sealed record MemberChoice(string UserId, double DistanceM, DateTimeOffset ReportedAt);

/// <summary>Chooses whom of a team to send: the nearest member who is available and whose position is fresh.</summary>
public static class NearestMember
{
    // IUGG mean Earth radius R1 (Moritz, "Geodetic Reference System 1980"); the sphere is accurate to about 0.5%,
    // which is far below the error of a phone fix.
    private const double EarthRadiusM = 6_371_008.8;

    /// <summary>
    /// The nearest available member whose position is at most <paramref name="maxAge"/> old at
    /// <paramref name="now"/> (a position reported ahead of <paramref name="now"/>, from a fast phone clock,
    /// counts as fresh), or null when there is none. Ties go to the fresher report, then to the smaller user id,
    /// so the same inputs always choose the same person.
    /// </summary>
    /// <param name="members">The team's members with their last positions.</param>
    /// <param name="longitude">Where the order is, degrees east.</param>
    /// <param name="latitude">Where the order is, degrees north.</param>
    /// <param name="now">The time of the choice.</param>
    /// <param name="maxAge">How old a position may be and still be trusted.</param>
    /// <param name="maxDistanceM">When given, members farther away are not chosen.</param>
    public static MemberChoice? Find(
        IEnumerable<MemberPosition> members,
        double longitude,
        double latitude,
        DateTimeOffset now,
        TimeSpan maxAge,
        double? maxDistanceM = null)
    {
        ArgumentNullException.ThrowIfNull(members);

        MemberChoice? best = null;
        foreach (var member in members)
        {
            if (!member.Available || now - member.ReportedAt > maxAge)
            {
                continue;
            }

            var distance = HaversineM(longitude, latitude, member.Longitude, member.Latitude);
            if (distance > maxDistanceM)
            {
                continue;
            }

            var candidate = new MemberChoice(member.UserId, distance, member.ReportedAt);
            if (best is null || Before(candidate, best))
            {
                best = candidate;
            }
        }

        return best;
    }

    /// <summary>Great-circle distance in metres between two WGS 84 points, by the haversine formula.</summary>
    public static double HaversineM(double lon1, double lat1, double lon2, double lat2)
    {
        var phi1 = DegreesToRadians(lat1);
        var phi2 = DegreesToRadians(lat2);
        var dPhi = phi2 - phi1;
        var dLambda = DegreesToRadians(lon2 - lon1);

        var h = Math.Sin(dPhi / 2) * Math.Sin(dPhi / 2)
            + Math.Cos(phi1) * Math.Cos(phi2) * Math.Sin(dLambda / 2) * Math.Sin(dLambda / 2);

        // Clamped because rounding can push h a hair above 1 for antipodal points.
        return 2 * EarthRadiusM * Math.Asin(Math.Sqrt(Math.Min(1, h)));
    }

    private static bool Before(MemberChoice a, MemberChoice b)
    {
        if (a.DistanceM != b.DistanceM)
        {
            return a.DistanceM < b.DistanceM;
        }

        if (a.ReportedAt != b.ReportedAt)
        {
            return a.ReportedAt > b.ReportedAt;
        }

        return string.CompareOrdinal(a.UserId, b.UserId) < 0;
    }

    private static double DegreesToRadians(double degrees) => degrees * Math.PI / 180;
}
