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

/// <summary>Where one object was at a moment: its newest fix up to then.</summary>
public sealed record ScenePosition(string ObjectId, ObjectKind Kind, TrackPoint Position);

/// <summary>How many reports one object, or one operator's objects, sent in one hour.</summary>
public sealed record HourlyCount(DateTimeOffset Hour, string Key, long Reports);

/// <summary>Of an operator's objects, how many reported within the window (Beijing requires 95%).</summary>
public sealed record ConnectedShare(string OperatorId, long Objects, long Reporting)
{
    public double Share => Objects == 0 ? 0 : (double)Reporting / Objects;
}

/// <summary>Reads tracked objects, tracks, scenes and report statistics. Thread-safe.</summary>
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
        string objectId, DateTimeOffset from, DateTimeOffset to, int limit,
        CancellationToken cancellationToken = default)
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

        return await ReadTrackAsync(command, cancellationToken);
    }

    private static async Task<List<TrackPoint>> ReadTrackAsync(
        NpgsqlCommand command, CancellationToken cancellationToken)
    {
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

    /// <summary>
    /// An object's track from <paramref name="from"/> to <paramref name="to"/>, at most <paramref name="maxPoints"/>
    /// fixes: all of them when there are that few, else the last real fix of each of
    /// <paramref name="maxPoints"/> equal time buckets (<c>time_bucket</c>), so the shape of the track is kept
    /// and every point shown is one the device really sent.
    /// </summary>
    public async Task<IReadOnlyList<TrackPoint>> DownsampledTrackAsync(
        string objectId, DateTimeOffset from, DateTimeOffset to, int maxPoints,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 1);

        await using (var count = dataSource.CreateCommand(
            "select count(*) from positions where object_id = $1 and fix_time >= $2 and fix_time < $3"))
        {
            count.Parameters.Add(new() { Value = objectId });
            count.Parameters.Add(new() { Value = from });
            count.Parameters.Add(new() { Value = to });
            if ((long)(await count.ExecuteScalarAsync(cancellationToken))! <= maxPoints)
            {
                return await TrackAsync(objectId, from, to, maxPoints, cancellationToken);
            }
        }

        // Rounded up to whole microseconds, so that maxPoints buckets always cover the range.
        var ticks = ((to - from).Ticks + maxPoints - 1) / maxPoints;
        var width = TimeSpan.FromTicks((ticks + 9) / 10 * 10);
        await using var command = dataSource.CreateCommand("""
            select distinct on (time_bucket($4::interval, fix_time, $2::timestamptz))
                fix_time, received_at, point, speed_kmh, course, heading, source
            from positions
            where object_id = $1 and fix_time >= $2 and fix_time < $3
            order by time_bucket($4::interval, fix_time, $2::timestamptz), fix_time desc
            """);
        command.Parameters.Add(new() { Value = objectId });
        command.Parameters.Add(new() { Value = from });
        command.Parameters.Add(new() { Value = to });
        command.Parameters.Add(new() { Value = width });
        var points = await ReadTrackAsync(command, cancellationToken);
        return points.OrderBy(p => p.FixTime).Take(maxPoints).ToArray();
    }

    /// <summary>
    /// The scene at a moment: every object whose newest fix within <paramref name="lookback"/> before
    /// <paramref name="at"/> lies inside the box, with that fix (for playback of a whole area).
    /// </summary>
    public async Task<IReadOnlyList<ScenePosition>> SceneAsync(
        double west, double south, double east, double north, DateTimeOffset at, TimeSpan lookback, int limit,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            select object_id, kind, fix_time, received_at, point, speed_kmh, course, heading, source
            from (
                select distinct on (object_id) *
                from positions
                where fix_time > $5::timestamptz - $6::interval and fix_time <= $5
                order by object_id, fix_time desc
            ) newest
            where point && st_makeenvelope($1, $2, $3, $4, 4326)
            order by object_id
            limit $7
            """);
        foreach (var value in new object[] { west, south, east, north, at, lookback, limit })
        {
            command.Parameters.Add(new() { Value = value });
        }

        var scene = new List<ScenePosition>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var point = reader.GetFieldValue<Point>(4);
            scene.Add(new ScenePosition(reader.GetString(0), (ObjectKind)reader.GetInt16(1), new TrackPoint(
                reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3), point.X, point.Y,
                NullableReal(reader, 5), NullableReal(reader, 6), NullableReal(reader, 7),
                (PositionSource)reader.GetInt16(8))));
        }

        return scene;
    }

    /// <summary>Reports per hour per object (or per operator, by the objects' operator), oldest hour first.</summary>
    public async Task<IReadOnlyList<HourlyCount>> HourlyCountsAsync(
        DateTimeOffset from, DateTimeOffset to, bool byOperator, int limit,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(byOperator
            ? """
                select time_bucket('1 hour', p.fix_time) as hour, o.operator_id, count(*)
                from positions p join tracked_objects o on o.id = p.object_id
                where p.fix_time >= $1 and p.fix_time < $2 and o.operator_id is not null
                group by hour, o.operator_id order by hour, o.operator_id limit $3
                """
            : """
                select time_bucket('1 hour', fix_time) as hour, object_id, count(*)
                from positions where fix_time >= $1 and fix_time < $2
                group by hour, object_id order by hour, object_id limit $3
                """);
        command.Parameters.Add(new() { Value = from });
        command.Parameters.Add(new() { Value = to });
        command.Parameters.Add(new() { Value = limit });
        var counts = new List<HourlyCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(
                new HourlyCount(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return counts;
    }

    /// <summary>Per operator: its objects, and how many of them reported (by receive time) since
    /// <paramref name="since"/>.</summary>
    public async Task<IReadOnlyList<ConnectedShare>> ConnectedSharesAsync(
        DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            select operator_id, count(*), count(*) filter (where last_received_at >= $1)
            from tracked_objects where operator_id is not null
            group by operator_id order by operator_id
            """);
        command.Parameters.Add(new() { Value = since });
        var shares = new List<ConnectedShare>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            shares.Add(new ConnectedShare(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return shares;
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
