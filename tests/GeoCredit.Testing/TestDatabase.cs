using Npgsql;

namespace GeoCredit.Testing;

/// <summary>
/// A database of its own for one test class, created empty on the test cluster and dropped afterwards. The
/// cluster comes from <c>GEOCREDIT_TEST_DATABASE</c> (a connection string with the right to create databases),
/// which the test script sets after starting the local cluster.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Variable = "GEOCREDIT_TEST_DATABASE";

    private readonly string _adminConnectionString;

    private TestDatabase(string adminConnectionString, string name, string connectionString)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Set {Variable} to a PostgreSQL connection string " +
                "(scripts/test.sh does so after starting the local cluster).");

    public static async Task<TestDatabase> CreateAsync()
    {
        var admin = AdminConnectionString;
        var name = $"gc_test_{Guid.NewGuid():N}"[..24];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"create database {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(admin, name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"drop database if exists {Name} with (force)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
