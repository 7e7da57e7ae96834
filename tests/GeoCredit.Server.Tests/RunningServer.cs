using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GeoCredit.Server.Hosting;
using GeoCredit.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace GeoCredit.Server.Tests;

/// <summary>
/// The real server on a real loopback port, with its own fresh database on the test cluster. Tests talk to it
/// over HTTP and WebSockets exactly as the console and the feeds do.
/// </summary>
public sealed class RunningServer : IAsyncLifetime, IAsyncDisposable
{
    public const string DemoPassword = "test-demo-password";
    public const string MdsToken = "bikeco-mds-test-token";
    public static readonly Guid MdsProviderId = Guid.Parse("cbd6c5f9-a599-4e3f-ae6f-a37177085130");

    private TestDatabase? _database;
    private bool _ownsDatabase = true;
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public string SpoolDirectory { get; } = Path.Combine(
        Path.GetTempPath(), "geocredit-test-spool-" + Guid.NewGuid().ToString("N"));

    public TestDatabase Database => _database!;

    public IServiceProvider Services => _app!.Services;

    /// <summary>The JT/T 808 terminals the server accepts: terminal, vehicle, plate, carrier.</summary>
    public static IReadOnlyList<(string Terminal, string ObjectId)> Terminals { get; } =
        [("13800000001", "truck-jt-1"), ("13800000002", "truck-jt-2")];

    public string TerminalsFile { get; } = Path.Combine(
        Path.GetTempPath(), "geocredit-terminals-" + Guid.NewGuid().ToString("N") + ".csv");

    public async Task<int> Jt808PortAsync() =>
        (await Services.GetRequiredService<GeoCredit.Server.Ingest.Jt808.Jt808Listener>().LocalEndPoint).Port;

    /// <summary>An AIS feed the server dials as a TCP client; tests accept its connections and speak for it.</summary>
    public System.Net.Sockets.TcpListener AisFeed { get; } = new(System.Net.IPAddress.Loopback, 0);

    public async Task InitializeAsync()
    {
        AisFeed.Start();
        await File.WriteAllLinesAsync(TerminalsFile,
            ["terminal,object_id,plate,operator_id",
                .. Terminals.Select(t => $"{t.Terminal},{t.ObjectId},LU-E{t.Terminal[^4..]},carrier-1")]);
        _database ??= await TestDatabase.CreateAsync();
        _app = GeoCreditApplication.Create(
        [
            "--urls=http://127.0.0.1:0",
            "--environment=Testing",
            $"--ConnectionStrings:GeoCredit={_database.ConnectionString}",
            $"--GeoCredit:Auth:DemoPassword={DemoPassword}",
            "--GeoCredit:Auth:SigningKey=test-signing-key-that-is-long-enough-0123456789",
            $"--GeoCredit:Storage:Writer:SpoolDirectory={SpoolDirectory}",
            "--GeoCredit:Storage:Writer:FlushInterval=00:00:00.010",
            "--GeoCredit:Storage:CheckpointInterval=00:00:00.020",
            "--GeoCredit:Ais:TcpServer:Address=127.0.0.1",
            "--GeoCredit:Ais:TcpServer:Port=0",
            "--GeoCredit:Ais:Udp:Address=127.0.0.1",
            "--GeoCredit:Ais:Udp:Port=0",
            "--GeoCredit:Ais:MaxErrorsPerConnection=5",
            "--GeoCredit:Ais:ReconnectDelay=00:00:00.050",
            "--GeoCredit:Ais:Feeds:0:Host=127.0.0.1",
            $"--GeoCredit:Ais:Feeds:0:Port={((System.Net.IPEndPoint)AisFeed.LocalEndpoint).Port}",
            "--GeoCredit:Live:PositionInterval=00:00:00.020",
            $"--GeoCredit:Mds:Providers:0:Id={MdsProviderId}",
            "--GeoCredit:Mds:Providers:0:OperatorId=bikeco",
            $"--GeoCredit:Mds:Providers:0:TokenSha256={GeoCredit.Server.Ingest.Mds.MdsOptions.HashToken(MdsToken)}",
            $"--GeoCredit:Zones:Directory={Path.Combine(RepositoryRoot, "geodata", "zones")}",
            $"--GeoCredit:Zones:RulesFile={Path.Combine(RepositoryRoot, "geodata", "rules.json")}",
            "--GeoCredit:Jt808:Address=127.0.0.1",
            "--GeoCredit:Jt808:Port=0",
            "--GeoCredit:Jt808:MaxErrorsPerConnection=5",
            $"--GeoCredit:Jt808:TerminalsFile={TerminalsFile}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:GeoCredit=Information",
        ]);
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.Single());

        using var http = new HttpClient { BaseAddress = BaseAddress };
        await Eventually.HoldsAsync(async () => (await http.GetAsync("/healthz")).IsSuccessStatusCode,
            "the server reports healthy");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_database is not null && _ownsDatabase)
        {
            await _database.DisposeAsync();
        }

        AisFeed.Stop();
        File.Delete(TerminalsFile);
        if (Directory.Exists(SpoolDirectory))
        {
            Directory.Delete(SpoolDirectory, recursive: true);
        }
    }

    /// <summary>The checkout's root, found from the test's folder: the demo zones and rules live there.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GeoCredit.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName
            ?? throw new InvalidOperationException("GeoCredit.sln not found above the test folder.");
    }

    /// <summary>A server on a database that outlives it, as a restarted server finds its database.</summary>
    public static async Task<RunningServer> StartOnAsync(TestDatabase database)
    {
        var server = new RunningServer { _database = database, _ownsDatabase = false };
        await server.InitializeAsync();
        return server;
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress };

    public async Task<string> TokenAsync(string username)
    {
        using var http = Anonymous();
        var reply = await http.PostAsJsonAsync("/api/auth/login", new { username, password = DemoPassword });
        reply.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await reply.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("token").GetString()!;
    }

    public async Task<HttpClient> ClientAsync(string username)
    {
        var http = Anonymous();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(username));
        return http;
    }

    public async Task<HubConnection> HubAsync(string username, bool messagePack = false, bool start = true)
    {
        var token = await TokenAsync(username);
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, "/hubs/live"), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                options.Transports = HttpTransportType.WebSockets;
            });
        if (messagePack)
        {
            builder.AddMessagePackProtocol();
        }

        var connection = builder.Build();
        if (start)
        {
            await connection.StartAsync();
        }

        return connection;
    }
}
