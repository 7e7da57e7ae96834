using GeoCredit.Core.Geofencing;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace GeoCredit.Storage.Credit;

/// <summary>A stored zone transition.</summary>
public sealed record StoredZoneEvent(string ObjectId, string ZoneId, string Kind, string Cause, DateTimeOffset Time,
    double Longitude, double Latitude);

/// <summary>
/// Writes zone transitions in batches with binary COPY, and reads an object's or a zone's. Thread-safe.
/// </summary>
public sealed class ZoneEventStore(NpgsqlDataSource dataSource)
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    public async Task WriteAsync(
        IReadOnlyList<ZoneTransition> transitions, CancellationToken cancellationToken = default)
    {
        if (transitions.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var importer = await connection.BeginBinaryImportAsync(
            "copy zone_events (object_id, zone_id, kind, cause, time, point) from stdin (format binary)",
            cancellationToken);
        foreach (var t in transitions)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(t.ObjectId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(t.ZoneId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(Snake(t.Kind.ToString()), NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(Snake(t.Cause.ToString()), NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(t.Time.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(Wgs84.CreatePoint(new Coordinate(t.Longitude, t.Latitude)), NpgsqlDbType.Geometry,
                cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StoredZoneEvent>> ForObjectAsync(
        string objectId, DateTimeOffset from, DateTimeOffset to, int limit,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            select object_id, zone_id, kind, cause, time, point from zone_events
            where object_id = $1 and time >= $2 and time < $3 order by time limit $4
            """);
        command.Parameters.Add(new() { Value = objectId });
        command.Parameters.Add(new() { Value = from.ToUniversalTime() });
        command.Parameters.Add(new() { Value = to.ToUniversalTime() });
        command.Parameters.Add(new() { Value = limit });
        var events = new List<StoredZoneEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var point = reader.GetFieldValue<Point>(5);
            events.Add(
                new StoredZoneEvent(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), point.X, point.Y));
        }

        return events;
    }

    private static string Snake(string name) =>
        string.Concat(name.Select((c, i) =>
            char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
