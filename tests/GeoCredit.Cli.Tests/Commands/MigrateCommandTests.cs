using GeoCredit.Testing;
using Npgsql;

namespace GeoCredit.Cli.Tests.Commands;

public sealed class MigrateCommandTests
{
    [Fact]
    public async Task Migrate_brings_an_empty_database_up_to_date_and_then_says_it_is_current()
    {
        await using var database = await TestDatabase.CreateAsync();

        var first = await CliRun.RunAsync(["migrate", "--connection", database.ConnectionString]);
        var second = await CliRun.RunAsync(["migrate", "--connection", database.ConnectionString]);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Applied", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Schema is current", second.Output, StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from positions", connection);
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Migrate_without_a_database_fails_with_a_clear_message()
    {
        var run = await CliRun.RunAsync(["migrate", "--connection", ""]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("No database", run.Error, StringComparison.Ordinal);
    }
}
