using GeoCredit.Core.Tracking;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace GeoCredit.Storage.Positions;

/// <summary>
/// Writes batches of validated positions, one transaction per batch. (Each object's last known fix is kept by
/// <see cref="TrackedObjectStore"/> on its own cadence, off this path.) A fix already stored (same object and fix time)
/// is never stored twice: the batch is copied straight into the hypertable, and only when that meets the unique key
/// (a batch replayed after an outage, a duplicate the live state could not see) is it loaded again through a staging
/// table with
/// <c>on conflict do nothing</c>. Thread-safe.
/// </summary>
public sealed class PositionStore(NpgsqlDataSource dataSource)
{
    private const string CopyPositions = """
        copy positions (object_id, fix_time, kind, received_at, point, speed_kmh, course, heading, accuracy_m,
            source) from stdin (format binary)
        """;

    private const string CreateStaging = """
        create temp table if not exists positions_incoming (like positions) on commit delete rows
        """;

    private const string CopyStaging = """
        copy positions_incoming (object_id, fix_time, kind, received_at, point, speed_kmh, course, heading,
            accuracy_m, source) from stdin (format binary)
        """;

    private const string InsertFromStaging = """
        insert into positions
        select distinct on (object_id, fix_time) * from positions_incoming order by object_id, fix_time
        on conflict (object_id, fix_time, kind) do nothing
        """;

    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    /// <summary>Stores a batch in one transaction.</summary>
    /// <returns>How many of the batch's fixes were new; those already stored are skipped.</returns>
    public async Task<int> WriteAsync(
        IReadOnlyList<PositionReport> batch, CancellationToken cancellationToken = default)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        try
        {
            return await WriteAsync(batch, deduplicate: false, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return await WriteAsync(batch, deduplicate: true, cancellationToken);
        }
    }

    /// <summary>Copies rows straight into the hypertable, with no key checks beyond the database's own: the
    /// baseline the writer is measured against.</summary>
    public async Task<ulong> CopyRawAsync(
        IReadOnlyList<PositionReport> batch, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await CopyAsync(connection, CopyPositions, batch, cancellationToken);
    }

    private async Task<int> WriteAsync(
        IReadOnlyList<PositionReport> batch, bool deduplicate, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        int inserted;
        if (deduplicate)
        {
            await ExecuteAsync(connection, transaction, CreateStaging, cancellationToken);
            await CopyAsync(connection, CopyStaging, batch, cancellationToken);
            inserted = await ExecuteAsync(connection, transaction, InsertFromStaging, cancellationToken);
        }
        else
        {
            inserted = (int)await CopyAsync(connection, CopyPositions, batch, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    private static async Task<ulong> CopyAsync(
        NpgsqlConnection connection, string copy, IReadOnlyList<PositionReport> batch,
        CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var report in batch)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(report.ObjectId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(report.FixTime, NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync((short)report.Kind, NpgsqlDbType.Smallint, cancellationToken);
            await importer.WriteAsync(report.ReceivedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(Wgs84.CreatePoint(new Coordinate(report.Longitude, report.Latitude)),
                NpgsqlDbType.Geometry, cancellationToken);
            await WriteRealAsync(importer, report.SpeedKmh, cancellationToken);
            await WriteRealAsync(importer, report.Course, cancellationToken);
            await WriteRealAsync(importer, report.Heading, cancellationToken);
            await WriteRealAsync(importer, report.AccuracyM, cancellationToken);
            await importer.WriteAsync((short)report.Source, NpgsqlDbType.Smallint, cancellationToken);
        }

        return await importer.CompleteAsync(cancellationToken);
    }

    private static async Task<int> ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static ValueTask WriteRealAsync(
        NpgsqlBinaryImporter importer, double? value, CancellationToken cancellationToken) =>
        value is { } v
            ? new ValueTask(importer.WriteAsync((float)v, NpgsqlDbType.Real, cancellationToken))
            : new ValueTask(importer.WriteNullAsync(cancellationToken));
}
