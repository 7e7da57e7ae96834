using GeoCredit.Core.Geofencing;
using GeoCredit.Core.Tracking;
using NetTopologySuite.Geometries;

namespace GeoCredit.Core.Tests.Geofencing;

/// <summary>Zones and fixes laid out in metres around a point in Beijing, so that tests read in metres.</summary>
internal static class GeoTestData
{
    public static readonly DateTimeOffset Start = new(2025, 5, 1, 8, 0, 0, TimeSpan.Zero);

    public static readonly LocalFrame Frame = new(116.397, 39.909);

    public static Coordinate At(double eastM, double northM)
    {
        var (lon, lat) = Frame.ToDegrees(eastM, northM);
        return new Coordinate(lon, lat);
    }

    /// <summary>An axis-aligned rectangle between two corners given in metres.</summary>
    public static Polygon Box(double west, double south, double east, double north) =>
        ZoneGeometry.Factory.CreatePolygon(
            [At(west, south), At(east, south), At(east, north), At(west, north), At(west, south)]);

    public static Zone Zone(string id, Geometry geometry, ZoneKind kind = ZoneKind.Parking, int version = 1) =>
        new(id, id, kind, geometry, version: version);

    public static PositionReport Fix(
        string objectId,
        TimeSpan after,
        double eastM,
        double northM,
        double? accuracyM = 5,
        ObjectKind kind = ObjectKind.Bike)
    {
        var (lon, lat) = Frame.ToDegrees(eastM, northM);
        var time = Start + after;
        return new PositionReport(
            objectId, kind, time, time, lon, lat, null, null, null, accuracyM, PositionSource.Mds);
    }

    /// <summary>A standard normal draw (Box-Muller), for GPS noise.</summary>
    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
