namespace GeoCredit.Core.Geofencing;

/// <summary>
/// Holds the current <see cref="ZoneIndex"/> and replaces it whole when zones change, so that a change applies
/// without a restart and readers never lock: a query reads one reference and works on that immutable version to
/// the end. Thread-safe: any number of readers, and writers serialised among themselves.
/// </summary>
public sealed class GeofenceEngine
{
    private readonly Lock _writeGate = new();
    private ZoneIndex _current = ZoneIndex.Empty;

    /// <summary>The version in force. Keep the returned index for a sequence of queries that must agree.</summary>
    public ZoneIndex Current => Volatile.Read(ref _current);

    /// <summary>The version of the zones in force, raised by one on every change.</summary>
    public long Version => Current.Version;

    /// <summary>Replaces every zone with these; an id that appears twice is refused before anything changes.</summary>
    /// <returns>The new version, already in force.</returns>
    /// <exception cref="ArgumentException">Two zones share an id.</exception>
    public ZoneIndex Replace(IEnumerable<Zone> zones)
    {
        var list = zones.ToArray();
        lock (_writeGate)
        {
            // Built under the lock so that versions follow the order of changes; readers go on meanwhile.
            var next = ZoneIndex.Build(list, _current.Version + 1);
            Volatile.Write(ref _current, next);
            return next;
        }
    }

    /// <summary>Adds or replaces some zones (by id) and removes others, keeping the rest.</summary>
    /// <returns>The new version, already in force.</returns>
    public ZoneIndex Apply(IEnumerable<Zone> upserts, IEnumerable<string> removals)
    {
        var changed = upserts.ToDictionary(zone => zone.Id, StringComparer.Ordinal);
        var removed = removals.ToHashSet(StringComparer.Ordinal);
        lock (_writeGate)
        {
            var current = _current;
            var kept = current.Zones.Where(zone => !removed.Contains(zone.Id) && !changed.ContainsKey(zone.Id));
            var added = changed.Values.Where(zone => !removed.Contains(zone.Id));
            var next = ZoneIndex.Build(kept.Concat(added), current.Version + 1);
            Volatile.Write(ref _current, next);
            return next;
        }
    }

    /// <summary>The zones that cover a point (boundary included) in the version in force. Allocates nothing.</summary>
    /// <returns>How many zones cover the point; only as many as <paramref name="results"/> holds are written.</returns>
    public int Locate(double longitude, double latitude, Span<Zone> results) =>
        Current.Locate(longitude, latitude, results);
}
