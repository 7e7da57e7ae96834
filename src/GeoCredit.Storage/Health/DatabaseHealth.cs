using Npgsql;

namespace GeoCredit.Storage.Health;

/// <summary>What the database said when asked; <see cref="Error"/> is set when it could not be reached.</summary>
public sealed record DatabaseStatus(
    bool Reachable,
    string? PostgresVersion,
    string? TimescaleDbVersion,
    string? TimescaleDbLicense,
    string? PostGisVersion,
    int SchemaVersion,
    string? Error);

/// <summary>Asks the database for its versions and the TimescaleDB license edition.</summary>
public sealed class DatabaseHealth(NpgsqlDataSource dataSource)
{
    public async Task<DatabaseStatus> CheckAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("""
                select current_setting('server_version'),
                    (select extversion from pg_extension where extname = 'timescaledb'),
                    current_setting('timescaledb.license', true),
                    (select extversion from pg_extension where extname = 'postgis'),
                    (select coalesce(max(version), 0) from schema_version)
                """);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new DatabaseStatus(
                true,
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetInt32(4),
                null);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return new DatabaseStatus(false, null, null, null, null, 0, e.Message);
        }
    }
}
