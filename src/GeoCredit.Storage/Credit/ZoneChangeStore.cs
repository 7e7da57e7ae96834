using Npgsql;

namespace GeoCredit.Storage.Credit;

/// <summary>The GeoJSON documents that changed zones, append-only, replayed in order at start. Thread-safe.</summary>
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

    public async Task<IReadOnlyList<string>> AllAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("select geojson from zone_changes order by id");
        var documents = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(reader.GetString(0));
        }

        return documents;
    }
}
