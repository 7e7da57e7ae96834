using Microsoft.Extensions.Logging;
using Npgsql;

namespace GeoCredit.Storage.Migrations;

/// <summary>
/// Applies the migrations a database lacks, in order, each in its own transaction, and records each in
/// <c>schema_version</c>. Several servers starting at once are serialized by an advisory lock, so each
/// migration runs exactly once.
/// </summary>
public sealed partial class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
{
    // An arbitrary constant that identifies "GeoCredit migrations" among advisory locks.
    private const long AdvisoryLockKey = 0x4765_6f43_7265_6474;

    /// <summary>Brings the schema up to the newest migration.</summary>
    /// <returns>The versions applied by this call (empty when the schema was current).</returns>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"select pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, """
                create table if not exists schema_version (
                    version int primary key,
                    name text not null,
                    applied_at timestamptz not null default now()
                )
                """, cancellationToken);

            var applied = await AppliedVersionsAsync(connection, cancellationToken);
            var done = new List<int>();
            foreach (var migration in Migration.All.Where(m => !applied.Contains(m.Version)))
            {
                await ApplyAsync(connection, migration, cancellationToken);
                done.Add(migration.Version);
            }

            // A migration may add types (PostGIS geometry): connections must learn them before they are used.
            if (done.Count > 0)
            {
                await dataSource.ReloadTypesAsync(cancellationToken);
                await connection.ReloadTypesAsync(cancellationToken);
            }

            return done;
        }
        finally
        {
            await ExecuteAsync(
                connection, null, $"select pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    /// <summary>The newest version recorded in the database, or 0 for an empty one.</summary>
    public async Task<int> CurrentVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "select coalesce(max(version), 0) from schema_version",
            connection);
        try
        {
            return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    private async Task ApplyAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);

        await using var record = new NpgsqlCommand(
            "insert into schema_version (version, name) values ($1, $2)", connection, transaction);
        record.Parameters.Add(new() { Value = migration.Version });
        record.Parameters.Add(new() { Value = migration.Name });
        await record.ExecuteNonQueryAsync(cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        LogApplied(logger, migration.Version, migration.Name);
    }

    private static async Task<HashSet<int>> AppliedVersionsAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var versions = new HashSet<int>();
        await using var command = new NpgsqlCommand("select version from schema_version", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Applied migration {Version} ({Name})")]
    private static partial void LogApplied(ILogger logger, int version, string name);
}
