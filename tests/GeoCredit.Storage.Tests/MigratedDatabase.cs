using GeoCredit.Storage.Migrations;
using GeoCredit.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GeoCredit.Storage.Tests;

/// <summary>A fresh database on the test cluster with every migration applied.</summary>
public sealed class MigratedDatabase : IAsyncLifetime
{
    private TestDatabase? _database;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public string ConnectionString => _database!.ConnectionString;

    public IReadOnlyList<int> AppliedAtCreation { get; private set; } = [];

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        DataSource = GeoCreditDataSource.Create(_database.ConnectionString);
        AppliedAtCreation = await new MigrationRunner(DataSource, NullLogger<MigrationRunner>.Instance).MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await _database!.DisposeAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
