using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GeoCredit.Testing;
using Npgsql;

namespace GeoCredit.Server.Tests.Ingest;

/// <summary>
/// The server as its own process, killed without a clean shutdown while its spool holds positions: after a
/// restart exactly the positions it acknowledged are stored.
/// </summary>
public sealed class ServerCrashTests : IDisposable
{
    private const string Password = "crash-test-password";
    private const string SigningKey = "crash-test-signing-key-long-enough-0123456789";

    private readonly string _spool = Path.Combine(
        Path.GetTempPath(), "geocredit-crash-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_spool))
        {
            Directory.Delete(_spool, recursive: true);
        }
    }

    [Fact]
    public async Task Server_killed_while_the_spool_holds_data_stores_exactly_the_sent_positions_after_restart()
    {
        await using var cluster = await PrivateCluster.CreateAsync();
        var port = FreePort.Next();
        var first = StartServer(cluster, port);
        var sent = 0;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Eventually.HoldsAsync(
                async () => await IsHealthyAsync(http), "the first server is healthy", TimeSpan.FromSeconds(60));
            var operatorToken = await TokenAsync(http, "operator");
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Bearer", await TokenAsync(http, "ingest"));

            sent += await SendAsync(http, sent, 500);
            await cluster.StopAsync();
            sent += await SendAsync(http, sent, 1500);

            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", operatorToken);
            var stats = await http.PostGraphQLAsync("{ storageStats { spoolPendingPositions } }");
            Assert.True(stats.Data.GetProperty("storageStats").GetProperty("spoolPendingPositions").GetInt64() > 0,
                "positions sent while the database was down wait in the spool");
        }
        finally
        {
            // SIGKILL: no shutdown hooks, no drain, no flush beyond what each acknowledged append already did.
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
            first.Dispose();
        }

        await cluster.StartAsync();
        using var second = StartServer(cluster, port);
        try
        {
            await Eventually.HoldsAsync(async () => await CountAsync(cluster) == sent,
                "the restarted server replays its spool into the database", TimeSpan.FromSeconds(90));
            Assert.Equal(sent, await CountDistinctAsync(cluster));
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }
    }

    private Process StartServer(PrivateCluster cluster, int port)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "GeoCredit.Server.dll"),
            $"--urls=http://127.0.0.1:{port}",
            $"--ConnectionStrings:GeoCredit={cluster.ConnectionString}",
            $"--GeoCredit:Auth:DemoPassword={Password}",
            $"--GeoCredit:Auth:SigningKey={SigningKey}",
            $"--GeoCredit:Storage:Writer:SpoolDirectory={_spool}",
            "--GeoCredit:Storage:Writer:RetryInterval=00:00:00.200",
            "--GeoCredit:Jt808:Enabled=false",
            "--GeoCredit:Ais:TcpServer:Enabled=false",
            "--GeoCredit:Ais:Udp:Enabled=false",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<int> SendAsync(HttpClient http, int from, int count)
    {
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        for (var offset = 0; offset < count; offset += 100)
        {
            var batch = Enumerable.Range(from + offset, 100).Select(i => new
            {
                objectId = $"crash-{i % 25}", kind = "truck", time = start.AddSeconds(i).ToString("O"), lon = 118.5,
                    lat = 37.4,
            });
            var reply = await http.PostAsJsonAsync("/api/ingest/positions", batch);
            reply.EnsureSuccessStatusCode();
            var body = JsonDocument.Parse(await reply.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(100, body.GetProperty("accepted").GetInt32());
        }

        return count;
    }

    private static async Task<bool> IsHealthyAsync(HttpClient http)
    {
        try
        {
            return (await http.GetAsync("/healthz")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<string> TokenAsync(HttpClient http, string username)
    {
        var reply = await http.PostAsJsonAsync("/api/auth/login", new { username, password = Password });
        reply.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await reply.Content.ReadAsStringAsync()).RootElement.GetProperty("token")
            .GetString()!;
    }

    private static async Task<long> CountAsync(PrivateCluster cluster) =>
        await ScalarAsync(cluster, "select count(*) from positions where object_id like 'crash-%'");

    private static async Task<long> CountDistinctAsync(PrivateCluster cluster) =>
        await ScalarAsync(
            cluster, "select count(distinct (object_id, fix_time)) from positions where object_id like 'crash-%'");

    private static async Task<long> ScalarAsync(PrivateCluster cluster, string sql)
    {
        try
        {
            await using var connection = new NpgsqlConnection(cluster.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return -1;
        }
    }
}
