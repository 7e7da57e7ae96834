using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GeoCredit.Simulator.Scenarios;

namespace GeoCredit.Simulator.Feeds;

/// <summary>Vessels as AIS type 1 sentences in UDP datagrams, as a shore receiver forwards them.</summary>
public sealed class AisUdpFeed(string host, int port) : IDisposable
{
    public const int FirstMmsi = 413_000_000;

    private readonly UdpClient _udp = new();

    /// <summary>The MMSI a demo vessel reports under: 413000001 for vessel-001.</summary>
    public static int MmsiOf(string vesselId) => FirstMmsi + int.Parse(vesselId.AsSpan(vesselId.LastIndexOf('-') + 1),
        System.Globalization.CultureInfo.InvariantCulture);

    public async Task SendAsync(IEnumerable<SimulatedFix> vessels, CancellationToken cancellationToken)
    {
        foreach (var fix in vessels)
        {
            var sentence = AisSentenceEncoder.PositionReport(
                MmsiOf(fix.ObjectId), fix.Lon, fix.Lat, fix.SpeedKmh / 1.852,
                fix.Course, fix.Time.Second);
            await _udp.SendAsync(Encoding.ASCII.GetBytes(sentence + "\r\n"), host, port, cancellationToken);
        }
    }

    public void Dispose() => _udp.Dispose();
}

/// <summary>Bikes as MDS 2.0 telemetry pushed by their operator with its provider token.</summary>
public sealed class MdsFeed(HttpClient http, Guid providerId) : IDisposable
{
    /// <summary>A bike's MDS device id: a stable UUID made from its demo id.</summary>
    public static Guid DeviceOf(string bikeId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes("geocredit-demo:" + bikeId)).AsSpan(0, 16));

    public static MdsFeed Create(Uri server, string token, Guid providerId)
    {
        var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new MdsFeed(http, providerId);
    }

    public async Task SendAsync(IReadOnlyList<SimulatedFix> bikes, CancellationToken cancellationToken)
    {
        foreach (var chunk in bikes.Chunk(1_000))
        {
            var telemetry = chunk.Select(f => new
            {
                device_id = DeviceOf(f.ObjectId),
                provider_id = providerId,
                telemetry_id = Guid.NewGuid(),
                timestamp = f.Time.ToUnixTimeMilliseconds(),
                location = new { lat = f.Lat, lng = f.Lon, speed = f.SpeedKmh / 3.6, horizontal_accuracy = 8 },
                battery_percent = 70,
            });
            using var reply = await http.PostAsJsonAsync("/api/mds/vehicles/telemetry", telemetry, cancellationToken);
            reply.EnsureSuccessStatusCode();
        }
    }

    public void Dispose() => http.Dispose();
}

/// <summary>Trucks as JT/T 808 terminals: each registers and authenticates once, then reports every tick; a
/// terminal whose connection fails dials again on the next tick.</summary>
public sealed class Jt808Fleet(string host, int port, IReadOnlyDictionary<string, string> terminalsByTruck)
    : IAsyncDisposable
{
    private readonly Dictionary<string, Jt808Terminal> _connected = [];

    /// <summary>Reads the terminals file (terminal,object_id,...) into truck id → terminal number.</summary>
    public static IReadOnlyDictionary<string, string> ReadTerminals(string path) =>
        File.ReadLines(path).Skip(1).Select(l => l.Split(','))
            .Where(f => f.Length >= 2)
            .ToDictionary(f => f[1], f => f[0], StringComparer.Ordinal);

    public async Task SendAsync(IEnumerable<SimulatedFix> trucks, CancellationToken cancellationToken)
    {
        foreach (var fix in trucks)
        {
            if (!terminalsByTruck.TryGetValue(fix.ObjectId, out var number))
            {
                continue;
            }

            try
            {
                if (!_connected.TryGetValue(fix.ObjectId, out var terminal))
                {
                    terminal = await Jt808Terminal.ConnectAsync(host, port, number, cancellationToken);
                    var registration = await terminal.RegisterAsync(fix.ObjectId, cancellationToken);
                    await terminal.AuthenticateAsync(registration.AuthCode ?? "", cancellationToken);
                    _connected[fix.ObjectId] = terminal;
                }

                await terminal.ReportAsync(fix, cancellationToken);
            }
            catch (Exception e) when (e is IOException or SocketException)
            {
                if (_connected.Remove(fix.ObjectId, out var broken))
                {
                    await broken.DisposeAsync();
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var terminal in _connected.Values)
        {
            await terminal.DisposeAsync();
        }
    }
}

/// <summary>Imports the demo credit grades as an administrator would, through GraphQL.</summary>
public static class DemoGrades
{
    public static async Task<string> ImportAsync(Uri server, string user, string password, string csvPath,
        CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = server };
        using var login = await http.PostAsJsonAsync(
            "/api/auth/login", new { username = user, password }, cancellationToken);
        login.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync(cancellationToken));
        http.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("token").GetString());
        using var reply = await http.PostAsJsonAsync("/graphql", new
        {
            query = "mutation($t: String!) { importGrades(format: \"csv\", text: $t, source: \"demo\") " +
                "{ rows applied errors { row code } } }",
            variables = new { t = await File.ReadAllTextAsync(csvPath, cancellationToken) },
        }, cancellationToken);
        return await reply.Content.ReadAsStringAsync(cancellationToken);
    }
}
