using GeoCredit.Core.Tracking;
using Npgsql;

namespace GeoCredit.Storage.Retention;

/// <summary>A chunk of positions that retention dropped.</summary>
public sealed record DroppedChunk(string Chunk, ObjectKind? Kind, DateTimeOffset RangeEnd);

/// <summary>
/// Drops whole chunks of positions older than the retention period of their object kind. The positions
/// hypertable is partitioned by kind as well as by time, so each chunk holds one kind and can be dropped by
/// that kind's period; TimescaleDB's own retention policy (licensed editions only) knows one period per
/// hypertable, so this job does the work on every edition. Thread-safe.
/// </summary>
public sealed class PositionRetention(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<DroppedChunk>> DropExpiredAsync(
        IReadOnlyDictionary<ObjectKind, TimeSpan> periods, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        if (periods.Count == 0)
        {
            return [];
        }

        var shortest = periods.Values.Min();
        var candidates = new List<(string Schema, string Name, DateTimeOffset End)>();
        await using (var list = dataSource.CreateCommand("""
            select chunk_schema, chunk_name, range_end from timescaledb_information.chunks
            where hypertable_schema = current_schema() and hypertable_name = 'positions' and range_end <= $1
            order by range_end
            """))
        {
            list.Parameters.Add(new() { Value = now - shortest });
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                candidates.Add((reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
            }
        }

        var dropped = new List<DroppedChunk>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var (schema, name, end) in candidates)
        {
            var table = $"{Quote(schema)}.{Quote(name)}";
            ObjectKind? kind;
            await using (var probe = new NpgsqlCommand($"select kind from {table} limit 1", connection))
            {
                kind = await probe.ExecuteScalarAsync(cancellationToken) is short value ? (ObjectKind)value : null;
            }

            // An empty chunk has no kind to keep it for; a kind with no period is kept for ever.
            if (kind is { } k && (!periods.TryGetValue(k, out var period) || end > now - period))
            {
                continue;
            }

            await using var drop = new NpgsqlCommand($"drop table {table}", connection);
            await drop.ExecuteNonQueryAsync(cancellationToken);
            dropped.Add(new DroppedChunk($"{schema}.{name}", kind, end));
        }

        return dropped;
    }

    private static string Quote(string identifier) =>
        "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
