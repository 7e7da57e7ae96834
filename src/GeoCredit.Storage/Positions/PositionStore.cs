using GeoCredit.Core.Tracking;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace GeoCredit.Storage.Positions;

/// <summary>
/// Writes validated positions with binary COPY and keeps each tracked object's last known fix. A fix already
/// stored (same object and fix time) is skipped, so replaying a batch stores nothing twice. Thread-safe.
/// </summary>
public sealed class PositionStore(NpgsqlDataSource dataSource)
{
    private const string CreateStaging = """
        create temp table if not exists positions_incoming (
            object_id text not null,
            kind text not null,
            fix_time timestamptz not null,
            received_at timestamptz not null,
            point geometry(Point, 4326) not null,
            speed_kmh real,
            course real,
            heading real,
            accuracy_m real,
            source smallint not null
        ) on commit delete rows
        """;

    private const string CopyStaging = """
        copy positions_incoming (object_id, kind, fix_time, received_at, point, speed_kmh, course, heading,
            accuracy_m, source) from stdin (format binary)
        """;

    private const string InsertNew = """
        insert into positions (object_id, fix_time, received_at, point, speed_kmh, course, heading, accuracy_m, source)
        select distinct on (object_id, fix_time)
            object_id, fix_time, received_at, point, speed_kmh, course, heading, accuracy_m, source
        from positions_incoming
        order by object_id, fix_time
        on conflict (object_id, fix_time) do nothing
        returning object_id, fix_time
        """;

    // An out-of-order fix is stored above but never moves the last known position backwards.
    private const string UpsertObjects = """
        insert into tracked_objects as o (id, kind, first_seen, last_fix_time, last_received_at, last_point,
            last_speed_kmh, last_course, last_heading, last_source)
        select distinct on (object_id)
            object_id, kind, received_at, fix_time, received_at, point, speed_kmh, course, heading, source
        from positions_incoming
        order by object_id, fix_time desc
        on conflict (id) do update set
            last_fix_time = excluded.last_fix_time,
            last_received_at = excluded.last_received_at,
            last_point = excluded.last_point,
            last_speed_kmh = excluded.last_speed_kmh,
            last_course = excluded.last_course,
            last_heading = excluded.last_heading,
            last_source = excluded.last_source
        where o.last_fix_time is null or excluded.last_fix_time > o.last_fix_time
        """;

    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    /// <summary>Stores a batch in one transaction.</summary>
    /// <returns>The reports that were new; those already stored are left out.</returns>
    public async Task<IReadOnlyList<PositionReport>> WriteAsync(
        IReadOnlyList<PositionReport> batch, CancellationToken cancellationToken = default)
    {
        if (batch.Count == 0)
        {
            return [];
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(CreateStaging, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await CopyAsync(connection, batch, cancellationToken);

        var inserted = new HashSet<(string, DateTimeOffset)>();
        await using (var insert = new NpgsqlCommand(InsertNew, connection, transaction))
        await using (var reader = await insert.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                inserted.Add((reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)));
            }
        }

        await using (var upsert = new NpgsqlCommand(UpsertObjects, connection, transaction))
        {
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

        var fresh = new List<PositionReport>(inserted.Count);
        foreach (var report in batch)
        {
            // Remove as we go so that a fix repeated inside the batch is reported new only once.
            if (inserted.Remove((report.ObjectId, report.FixTime)))
            {
                fresh.Add(report);
            }
        }

        return fresh;
    }

    private static async Task CopyAsync(
        NpgsqlConnection connection, IReadOnlyList<PositionReport> batch, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(CopyStaging, cancellationToken);
        foreach (var report in batch)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(report.ObjectId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(report.Kind.ToWire(), NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(report.FixTime, NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(report.ReceivedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(Wgs84.CreatePoint(new Coordinate(report.Longitude, report.Latitude)),
                NpgsqlDbType.Geometry, cancellationToken);
            await WriteRealAsync(importer, report.SpeedKmh, cancellationToken);
            await WriteRealAsync(importer, report.Course, cancellationToken);
            await WriteRealAsync(importer, report.Heading, cancellationToken);
            await WriteRealAsync(importer, report.AccuracyM, cancellationToken);
            await importer.WriteAsync((short)report.Source, NpgsqlDbType.Smallint, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static Task WriteRealAsync(NpgsqlBinaryImporter importer, double? value, CancellationToken cancellationToken) =>
        value is { } v
            ? importer.WriteAsync((float)v, NpgsqlDbType.Real, cancellationToken)
            : importer.WriteNullAsync(cancellationToken);
}
