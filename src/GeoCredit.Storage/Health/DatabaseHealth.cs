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
                    to_regclass('schema_version') is not null
                """);
            string postgres;
            string? timescale, license, postgis;
            bool migrated;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                postgres = reader.GetString(0);
                timescale = reader.IsDBNull(1) ? null : reader.GetString(1);
                license = reader.IsDBNull(2) ? null : reader.GetString(2);
                postgis = reader.IsDBNull(3) ? null : reader.GetString(3);
                migrated = reader.GetBoolean(4);
            }

            // A database that answers but has no schema yet is reachable, at version 0; not down.
            var version = 0;
            if (migrated)
            {
                await using var versionCommand =
                    dataSource.CreateCommand("select coalesce(max(version), 0) from schema_version");
                version = (int)(await versionCommand.ExecuteScalarAsync(cancellationToken))!;
            }

            return new DatabaseStatus(true, postgres, timescale, license, postgis, version, null);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return new DatabaseStatus(false, null, null, null, null, 0, e.Message);
        }
    }
}
