using Npgsql;

namespace GeoCredit.Storage.Credit;

/// <summary>A change of zones: a GeoJSON document of zones added or replaced, or the ids of zones removed.</summary>
public sealed record ZoneChange(string? GeoJson, IReadOnlyList<string> RemovedIds);

/// <summary>The changes of zones, append-only, replayed in order at start. Thread-safe.</summary>
public sealed class ZoneChangeStore(NpgsqlDataSource dataSource)
{
    public async Task AppendAsync(string geoJson, string changedBy, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "insert into zone_changes (geojson, changed_by) values ($1, $2)");
        command.Parameters.Add(new() { Value = geoJson });
        command.Parameters.Add(new() { Value = changedBy });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task AppendRemovalAsync(
        IReadOnlyList<string> zoneIds, string changedBy, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "insert into zone_changes (removed_ids, changed_by) values ($1, $2)");
        command.Parameters.Add(new() { Value = zoneIds.ToArray() });
        command.Parameters.Add(new() { Value = changedBy });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ZoneChange>> AllAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "select geojson, removed_ids from zone_changes order by id");
        var changes = new List<ZoneChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add(new ZoneChange(
                reader.IsDBNull(0) ? null : reader.GetString(0),
                reader.IsDBNull(1) ? [] : reader.GetFieldValue<string[]>(1)));
        }

        return changes;
    }
}
