using GeoCredit.Core.Tracking;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GeoCredit.Storage.Positions;

/// <summary>A tracked object as stored, with its last known fix when it has one.</summary>
public sealed record TrackedObjectRow(string Id, ObjectKind Kind, DateTimeOffset FirstSeen, TrackPoint? LastPosition);

/// <summary>One stored fix of an object's track.</summary>
public sealed record TrackPoint(
    DateTimeOffset FixTime,
    DateTimeOffset ReceivedAt,
    double Longitude,
    double Latitude,
    double? SpeedKmh,
    double? Course,
    double? Heading,
    PositionSource Source);

/// <summary>Reads tracked objects and their tracks. Thread-safe.</summary>
public sealed class PositionQueries(NpgsqlDataSource dataSource)
{
    /// <summary>Tracked objects ordered by id, optionally of one kind, paged by the id after which to start.</summary>
    public async Task<IReadOnlyList<TrackedObjectRow>> ObjectsAsync(
        ObjectKind? kind, string? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            select id, kind, first_seen, last_fix_time, last_received_at, last_point, last_speed_kmh, last_course,
                last_heading, last_source
            from tracked_objects
            where ($1::text is null or kind = $1) and ($2::text is null or id > $2)
            order by id
            limit $3
            """);
        command.Parameters.Add(new() { Value = kind is { } k ? k.ToWire() : DBNull.Value });
        command.Parameters.Add(new() { Value = (object?)after ?? DBNull.Value });
        command.Parameters.Add(new() { Value = limit });

        var rows = new List<TrackedObjectRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var rowKind = ObjectKinds.Parse(reader.GetString(1));
            TrackPoint? last = null;
            if (!reader.IsDBNull(3))
            {
                var point = reader.GetFieldValue<Point>(5);
                last = new TrackPoint(
                    reader.GetFieldValue<DateTimeOffset>(3),
                    reader.GetFieldValue<DateTimeOffset>(4),
                    point.X,
                    point.Y,
                    NullableReal(reader, 6),
                    NullableReal(reader, 7),
                    NullableReal(reader, 8),
                    (PositionSource)reader.GetInt16(9));
            }

            rows.Add(new TrackedObjectRow(reader.GetString(0), rowKind, reader.GetFieldValue<DateTimeOffset>(2), last));
        }

        return rows;
    }

    /// <summary>An object's fixes from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive),
    /// oldest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<TrackPoint>> TrackAsync(
        string objectId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            select fix_time, received_at, point, speed_kmh, course, heading, source
            from positions
            where object_id = $1 and fix_time >= $2 and fix_time < $3
            order by fix_time
            limit $4
            """);
        command.Parameters.Add(new() { Value = objectId });
        command.Parameters.Add(new() { Value = from });
        command.Parameters.Add(new() { Value = to });
        command.Parameters.Add(new() { Value = limit });

        var points = new List<TrackPoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var point = reader.GetFieldValue<Point>(2);
            points.Add(new TrackPoint(
                reader.GetFieldValue<DateTimeOffset>(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                point.X,
                point.Y,
                NullableReal(reader, 3),
                NullableReal(reader, 4),
                NullableReal(reader, 5),
                (PositionSource)reader.GetInt16(6)));
        }

        return points;
    }

    /// <summary>Every object's last known fix, as the live state is seeded with at start.</summary>
    public async Task<IReadOnlyList<PositionReport>> LastPositionsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            select id, kind, last_fix_time, last_received_at, last_point, last_speed_kmh, last_course, last_heading,
                last_source, operator_id
            from tracked_objects where last_fix_time is not null
            """);
        var reports = new List<PositionReport>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var point = reader.GetFieldValue<Point>(4);
            reports.Add(new PositionReport(
                reader.GetString(0),
                ObjectKinds.Parse(reader.GetString(1)),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                point.X,
                point.Y,
                NullableReal(reader, 5),
                NullableReal(reader, 6),
                NullableReal(reader, 7),
                null,
                (PositionSource)reader.GetInt16(8),
                reader.IsDBNull(9) ? null : reader.GetString(9)));
        }

        return reports;
    }

    // Through decimal, a stored 20.1f reads back as 20.1 rather than 20.100000381469727.
    private static double? NullableReal(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : (double)(decimal)reader.GetFloat(ordinal);
}
