using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GeoCredit.Core.Tracking;
using GeoCredit.Simulator.Scenarios;

namespace GeoCredit.Simulator.Feeds;

/// <summary>What the server said about one batch.</summary>
public sealed record FeedBatchResult(int Sent, int Stored, int Rejected);

/// <summary>
/// Sends simulated fixes to the server's HTTP ingest endpoint as a signed-in ingest user, the same way a feed
/// bridge would.
/// </summary>
public sealed class HttpPositionFeed(HttpClient http) : IDisposable
{
    public const int BatchSize = 5_000;

    public static async Task<HttpPositionFeed> SignInAsync(
        Uri server, string username, string password, CancellationToken cancellationToken)
    {
        var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        using var reply = await http.PostAsJsonAsync("/api/auth/login", new { username, password }, cancellationToken);
        if (!reply.IsSuccessStatusCode)
        {
            http.Dispose();
            throw new InvalidOperationException(
                $"Sign-in as '{username}' failed: {(int)reply.StatusCode} {reply.ReasonPhrase}.");
        }

        using var body = JsonDocument.Parse(await reply.Content.ReadAsStringAsync(cancellationToken));
        var token = body.RootElement.GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new HttpPositionFeed(http);
    }

    public async Task<FeedBatchResult> SendAsync(IReadOnlyList<SimulatedFix> fixes, CancellationToken cancellationToken)
    {
        var stored = 0;
        var rejected = 0;
        foreach (var chunk in fixes.Chunk(BatchSize))
        {
            var items = chunk.Select(f => new
            {
                objectId = f.ObjectId,
                kind = f.Kind.ToWire(),
                time = f.Time.ToString("O", CultureInfo.InvariantCulture),
                lon = Math.Round(f.Lon, 7),
                lat = Math.Round(f.Lat, 7),
                speed = Math.Round(f.SpeedKmh, 1),
                course = Math.Round(f.Course, 1),
            });
            using var reply = await http.PostAsJsonAsync("/api/ingest/positions", items, cancellationToken);
            reply.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await reply.Content.ReadAsStringAsync(cancellationToken));
            stored += body.RootElement.GetProperty("accepted").GetInt32();
            rejected += body.RootElement.GetProperty("rejected").GetArrayLength();
        }

        return new FeedBatchResult(fixes.Count, stored, rejected);
    }

    public void Dispose() => http.Dispose();
}
