using GeoCredit.Core.Tracking;
using Npgsql;

namespace GeoCredit.Storage.Positions;

/// <summary>
/// Keeps the tracked objects table: each object's kind, operator and last known fix. The server writes it
/// from its live state every few seconds, one row per object that moved, rather than once per position: an
/// object that reported ten times in between costs one row, and the position writer's path stays a plain COPY.
/// Thread-safe.
/// </summary>
public sealed class TrackedObjectStore(NpgsqlDataSource dataSource)
{
    // An out-of-order fix is stored but never moves the last known position backwards.
    private const string Upsert = """
        insert into tracked_objects as o (id, kind, first_seen, last_fix_time, last_received_at, last_point,
            last_speed_kmh, last_course, last_heading, last_source, operator_id)
        select id, kind, received, fix, received, st_setsrid(st_makepoint(lon, lat), 4326), speed, course, heading,
            source, operator
        from unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::float8[], $6::float8[],
            $7::real[], $8::real[], $9::real[], $10::smallint[], $11::text[])
            as t(id, kind, fix, received, lon, lat, speed, course, heading, source, operator)
        on conflict (id) do update set
            last_fix_time = excluded.last_fix_time,
            last_received_at = excluded.last_received_at,
            last_point = excluded.last_point,
            last_speed_kmh = excluded.last_speed_kmh,
            last_course = excluded.last_course,
            last_heading = excluded.last_heading,
            last_source = excluded.last_source,
            operator_id = coalesce(excluded.operator_id, o.operator_id)
        where o.last_fix_time is null or excluded.last_fix_time > o.last_fix_time
        """;

    /// <summary>Records the given fixes as their objects' last known ones, unless a newer one is stored.</summary>
    public async Task UpsertLatestAsync(
        IReadOnlyCollection<PositionReport> latest, CancellationToken cancellationToken = default)
    {
        if (latest.Count == 0)
        {
            return;
        }

        // Only the newest fix of each object can become its last known position.
        var newest = new Dictionary<string, PositionReport>(StringComparer.Ordinal);
        foreach (var report in latest)
        {
            if (!newest.TryGetValue(report.ObjectId, out var current) || report.FixTime > current.FixTime)
            {
                newest[report.ObjectId] = report;
            }
        }

        var rows = newest.Values.ToArray();
        await using var command = dataSource.CreateCommand(Upsert);
        command.Parameters.Add(new() { Value = rows.Select(r => r.ObjectId).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Kind.ToWire()).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.FixTime).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.ReceivedAt).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Longitude).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Latitude).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => (float?)r.SpeedKmh).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => (float?)r.Course).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => (float?)r.Heading).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => (short)r.Source).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.OperatorId).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
