namespace GeoCredit.Simulator.Scenarios;

/// <summary>Spherical-earth distances and bearings, accurate enough to move simulated objects.</summary>
public static class Geodesy
{
    private const double EarthRadiusMetres = 6_371_008.8;

    public static double DistanceMetres(LonLat a, LonLat b)
    {
        var lat1 = Radians(a.Lat);
        var lat2 = Radians(b.Lat);
        var dLat = lat2 - lat1;
        var dLon = Radians(b.Lon - a.Lon);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) +
            Math.Cos(lat1) * Math.Cos(lat2) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    public static double BearingDegrees(LonLat from, LonLat to)
    {
        var lat1 = Radians(from.Lat);
        var lat2 = Radians(to.Lat);
        var dLon = Radians(to.Lon - from.Lon);
        var y = Math.Sin(dLon) * Math.Cos(lat2);
        var x = Math.Cos(lat1) * Math.Sin(lat2) - Math.Sin(lat1) * Math.Cos(lat2) * Math.Cos(dLon);
        return (Math.Atan2(y, x) * 180 / Math.PI + 360) % 360;
    }

    /// <summary>The point <paramref name="eastMetres"/> east and <paramref name="northMetres"/> north of
    /// <paramref name="origin"/>.</summary>
    public static LonLat Offset(LonLat origin, double eastMetres, double northMetres)
    {
        var dLat = northMetres / EarthRadiusMetres * 180 / Math.PI;
        var dLon = eastMetres / (EarthRadiusMetres * Math.Cos(Radians(origin.Lat))) * 180 / Math.PI;
        return new LonLat(origin.Lon + dLon, origin.Lat + dLat);
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
