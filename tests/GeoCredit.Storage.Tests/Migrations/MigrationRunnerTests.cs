using GeoCredit.Storage.Migrations;
using Microsoft.Extensions.Logging.Abstractions;

namespace GeoCredit.Storage.Tests.Migrations;

public sealed class MigrationRunnerTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public void Migrate_on_an_empty_database_applies_every_migration_in_order()
    {
        Assert.Equal(Migration.All.Select(m => m.Version), database.AppliedAtCreation);
        Assert.Equal(Migration.All.Select(m => m.Version).Order(), database.AppliedAtCreation);
    }

    [Fact]
    public async Task Migrate_again_applies_nothing_and_keeps_the_version()
    {
        var runner = new MigrationRunner(database.DataSource, NullLogger<MigrationRunner>.Instance);

        var applied = await runner.MigrateAsync();

        Assert.Empty(applied);
        Assert.Equal(Migration.All[^1].Version, await runner.CurrentVersionAsync());
    }

    [Fact]
    public async Task Migrate_from_several_servers_at_once_applies_each_migration_once()
    {
        var runner = new MigrationRunner(database.DataSource, NullLogger<MigrationRunner>.Instance);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => runner.MigrateAsync()));

        Assert.All(results, Assert.Empty);
        Assert.Equal(
            (long)Migration.All.Count, await database.ScalarAsync<long>("select count(*) from schema_version"));
    }

    [Fact]
    public async Task Positions_is_a_hypertable_partitioned_by_fix_time_then_kind()
    {
        var dimension = await database.ScalarAsync<string>(
            "select column_name from timescaledb_information.dimensions where hypertable_name = 'positions' " +
            "and dimension_number = 1");
        var second = await database.ScalarAsync<string>(
            "select column_name from timescaledb_information.dimensions where hypertable_name = 'positions' " +
            "and dimension_number = 2");

        Assert.Equal("fix_time", dimension);
        Assert.Equal("kind", second);
    }

    [Fact]
    public async Task Time_bucket_over_positions_works()
    {
        await using (var insert = database.DataSource.CreateCommand("""
            insert into positions (object_id, fix_time, kind, received_at, point, source)
            select 'bucket-test', t, 0, t, st_setsrid(st_makepoint(116.4, 39.9), 4326), 0
            from generate_series(
                timestamptz '2025-05-01 00:00Z', timestamptz '2025-05-01 00:59Z', interval '1 minute') t
            """))
        {
            await insert.ExecuteNonQueryAsync();
        }

        await using var command = database.DataSource.CreateCommand("""
            select time_bucket('15 minutes', fix_time) as bucket, count(*)
            from positions where object_id = 'bucket-test' group by bucket order by bucket
            """);
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new List<long>();
        while (await reader.ReadAsync())
        {
            counts.Add(reader.GetInt64(1));
        }

        Assert.Equal([15L, 15L, 15L, 15L], counts);
    }

    [Fact]
    public void Every_migration_file_is_numbered_without_gaps()
    {
        Assert.Equal(Enumerable.Range(1, Migration.All.Count), Migration.All.Select(m => m.Version));
    }
}
