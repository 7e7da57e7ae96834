using GeoCredit.Core.Tracking;

namespace GeoCredit.Simulator.Scenarios;

/// <summary>A point in WGS 84 degrees.</summary>
public readonly record struct LonLat(double Lon, double Lat);

/// <summary>One fix the simulator produced.</summary>
public readonly record struct SimulatedFix(
    string ObjectId, ObjectKind Kind, DateTimeOffset Time, double Lon, double Lat, double SpeedKmh, double Course);

/// <summary>
/// An object that moves back and forth along a route at a steady speed, or stands still when its speed is
/// zero. Its position is a pure function of time, so a scenario replays identically.
/// </summary>
public sealed class SimulatedObject
{
    private readonly LonLat[] _route;
    private readonly double[] _cumulativeMetres;
    private readonly double _speedMps;
    private readonly double _offsetMetres;

    public SimulatedObject(
        string id, ObjectKind kind, IReadOnlyList<LonLat> route, double speedKmh, double offsetMetres)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(route.Count, 1);

        Id = id;
        Kind = kind;
        _route = [.. route];
        _speedMps = speedKmh / 3.6;
        _offsetMetres = offsetMetres;
        _cumulativeMetres = new double[_route.Length];
        for (var i = 1; i < _route.Length; i++)
        {
            _cumulativeMetres[i] = _cumulativeMetres[i - 1] + Geodesy.DistanceMetres(_route[i - 1], _route[i]);
        }
    }

    public string Id { get; }

    public ObjectKind Kind { get; }

    public double LengthMetres => _cumulativeMetres[^1];

    /// <summary>Where the object is <paramref name="elapsed"/> after the scenario started.</summary>
    public SimulatedFix At(DateTimeOffset start, TimeSpan elapsed)
    {
        var time = start + elapsed;
        if (_speedMps == 0 || LengthMetres == 0)
        {
            return new SimulatedFix(Id, Kind, time, _route[0].Lon, _route[0].Lat, 0, 0);
        }

        // Back and forth: the distance along a route twice as long, folded at the far end.
        var travelled = (_offsetMetres + _speedMps * elapsed.TotalSeconds) % (2 * LengthMetres);
        var forward = travelled <= LengthMetres;
        var along = forward ? travelled : 2 * LengthMetres - travelled;

        var segment = Array.BinarySearch(_cumulativeMetres, along);
        segment = segment >= 0 ? Math.Max(segment - 1, 0) : ~segment - 1;
        segment = Math.Clamp(segment, 0, _route.Length - 2);
        var a = _route[segment];
        var b = _route[segment + 1];
        var segmentLength = _cumulativeMetres[segment + 1] - _cumulativeMetres[segment];
        var fraction = segmentLength == 0 ? 0 : (along - _cumulativeMetres[segment]) / segmentLength;
        var point = new LonLat(a.Lon + (b.Lon - a.Lon) * fraction, a.Lat + (b.Lat - a.Lat) * fraction);
        var course = forward ? Geodesy.BearingDegrees(a, b) : Geodesy.BearingDegrees(b, a);
        return new SimulatedFix(Id, Kind, time, point.Lon, point.Lat, _speedMps * 3.6, course);
    }
}
