using System.Diagnostics;
using Npgsql;

namespace GeoCredit.Testing;

/// <summary>
/// A PostgreSQL cluster of a test's own (with TimescaleDB and PostGIS, as the local one), for tests that stop
/// and start the database: the shared test cluster stays up for every other test. Runs as the postgres user
/// when the tests run as root, since PostgreSQL refuses to run as root.
/// </summary>
public sealed class PrivateCluster : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";

    private readonly string _directory;
    private readonly string _dataDirectory;

    private PrivateCluster(string directory, int port)
    {
        _directory = directory;
        _dataDirectory = Path.Combine(directory, "data");
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database=geocredit;Timeout=3;Command Timeout=30";

    public static async Task<PrivateCluster> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "geocredit-cluster-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var cluster = new PrivateCluster(directory, FreePort.Next());
        if (IsRoot)
        {
            await RunAsync("chown", "-R", "postgres:postgres", directory);
        }

        await RunAsPostgresAsync($"{Bin}/initdb", "-D", cluster._dataDirectory, "-U", "postgres",
            "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        await File.AppendAllTextAsync(Path.Combine(cluster._dataDirectory, "postgresql.conf"), $"""

            listen_addresses = '127.0.0.1'
            port = {cluster.Port}
            unix_socket_directories = '{directory}'
            shared_preload_libraries = 'timescaledb'
            timescaledb.telemetry_level = off
            fsync = off

            """);
        await cluster.StartAsync();

        await using (var connection = new NpgsqlConnection(
            cluster.ConnectionString.Replace("Database=geocredit", "Database=postgres", StringComparison.Ordinal)))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("create database geocredit", connection);
            await create.ExecuteNonQueryAsync();
        }

        return cluster;
    }

    public Task StartAsync() =>
        RunAsPostgresAsync(
            $"{Bin}/pg_ctl", "-D", _dataDirectory, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60",
            "start");

    /// <summary>Stops the server at once, the way a crash or a pulled cable looks to its clients.</summary>
    public Task StopAsync() =>
        RunAsPostgresAsync($"{Bin}/pg_ctl", "-D", _dataDirectory, "-m", "immediate", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static Task RunAsPostgresAsync(string program, params string[] arguments) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments]) : RunAsync(program, arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
