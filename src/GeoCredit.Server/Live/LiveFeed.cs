using System.Collections.Concurrent;
using GeoCredit.Core.Tracking;
using Microsoft.AspNetCore.SignalR;

namespace GeoCredit.Server.Live;

/// <summary>One position as the console receives it.</summary>
public sealed record LivePosition(
    string ObjectId,
    string Kind,
    DateTimeOffset FixTime,
    double Lon,
    double Lat,
    double? SpeedKmh,
    double? Course,
    double? Heading,
    string Source);

/// <summary>The <c>positions</c> message: the newest fix of each object that moved since the last one.</summary>
public sealed record LivePositionBatch(long Seq, IReadOnlyList<LivePosition> Positions);

/// <summary>Any other message: its type (<c>alert</c>, <c>workOrder</c>, <c>escalation</c>, <c>grade</c>, ...),
/// sequence number and content.</summary>
public sealed record LiveMessage(long Seq, string Type, object Data);

/// <summary>A message kept for clients that reconnect, with the groups it was sent to.</summary>
public sealed record LiveEnvelope(long Seq, string Type, object Message, IReadOnlyList<string> Groups);

/// <summary>A box in degrees that a client shows; positions outside it are not sent to that client.</summary>
public readonly record struct Viewport(double West, double South, double East, double North)
{
    public bool Contains(double lon, double lat) => lon >= West && lon <= East && lat >= South && lat <= North;
}

/// <summary>Settings under <c>GeoCredit:Live</c>.</summary>
public sealed class LiveOptions
{
    public const string Section = "GeoCredit:Live";

    /// <summary>How often position updates go out; an object that moved several times in between is sent once,
    /// at its newest fix, so a console is never flooded however fast the feeds are.</summary>
    public TimeSpan PositionInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How many recent messages are kept for clients that reconnect.</summary>
    public int ReplayCapacity { get; set; } = 10_000;
}

/// <summary>
/// Sends what just happened to the connected consoles. Every message carries the next number of one
/// server-wide sequence and is kept in a bounded buffer, so a client that reconnects can ask for what it
/// missed. Positions are gathered and sent as one batch per interval, newest fix per object, and only inside a
/// client's viewport when it set one. Thread-safe.
/// </summary>
public sealed class LiveFeed(IHubContext<LiveHub> hub, LiveOptions options, TimeProvider clock) : BackgroundService
{
    public const string PositionsMessage = "positions";

    private readonly Lock _gate = new();
    private readonly LiveEnvelope?[] _replay = new LiveEnvelope?[Math.Max(16, options.ReplayCapacity)];
    private readonly ConcurrentDictionary<string, Viewport> _viewports = new(StringComparer.Ordinal);
    private Dictionary<string, LivePosition> _pending = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>The sequence number of the newest message sent.</summary>
    public long Sequence => Interlocked.Read(ref _sequence);

    /// <summary>Queues fixes that moved their objects; they go out with the next batch.</summary>
    public void PublishPositions(IReadOnlyList<PositionReport> reports)
    {
        if (reports.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var r in reports)
            {
                _pending[r.ObjectId] = new LivePosition(r.ObjectId, r.Kind.ToWire(), r.FixTime, r.Longitude, r.Latitude,
                    r.SpeedKmh, r.Course, r.Heading, r.Source.ToString().ToLowerInvariant());
            }
        }
    }

    /// <summary>Sends a message to the given groups at once, under the next sequence number.</summary>
    public async Task<long> PublishAsync(string type, object data, IReadOnlyList<string> groups,
        CancellationToken cancellationToken = default)
    {
        LiveMessage message;
        lock (_gate)
        {
            message = new LiveMessage(++_sequence, type, data);
            Keep(new LiveEnvelope(message.Seq, type, message, groups));
        }

        await hub.Clients.Groups(groups).SendAsync(type, message, cancellationToken);
        return message.Seq;
    }

    public void SetViewport(string connectionId, Viewport viewport) => _viewports[connectionId] = viewport;

    public void Forget(string connectionId) => _viewports.TryRemove(connectionId, out _);

    /// <summary>
    /// The messages after <paramref name="lastSeen"/> that went to any of <paramref name="groups"/>, oldest first;
    /// null when some of them are no longer kept (the client must reload through GraphQL).
    /// </summary>
    public IReadOnlyList<LiveEnvelope>? Since(long lastSeen, IReadOnlySet<string> groups)
    {
        lock (_gate)
        {
            var oldest = Math.Max(1, _sequence - _replay.Length + 1);
            if (lastSeen + 1 < oldest)
            {
                return null;
            }

            var missed = new List<LiveEnvelope>();
            for (var seq = lastSeen + 1; seq <= _sequence; seq++)
            {
                if (_replay[seq % _replay.Length] is { } envelope && envelope.Seq == seq &&
                    envelope.Groups.Any(groups.Contains))
                {
                    missed.Add(envelope);
                }
            }

            return missed;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PositionInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await FlushAsync(stoppingToken);
        }
    }

    /// <summary>Sends the pending positions now.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        LivePositionBatch batch;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            batch = new LivePositionBatch(++_sequence, [.. _pending.Values]);
            _pending = new Dictionary<string, LivePosition>(StringComparer.Ordinal);
            Keep(new LiveEnvelope(batch.Seq, PositionsMessage, batch, [LiveGroups.Positions]));
        }

        var viewports = _viewports.ToArray();
        await hub.Clients.GroupExcept(LiveGroups.Positions, viewports.Select(v => v.Key).ToArray())
            .SendAsync(PositionsMessage, batch, cancellationToken);
        foreach (var (connection, viewport) in viewports)
        {
            var inside = batch.Positions.Where(p => viewport.Contains(p.Lon, p.Lat)).ToArray();
            await hub.Clients.Client(connection)
                .SendAsync(PositionsMessage, batch with { Positions = inside }, cancellationToken);
        }
    }

    private void Keep(LiveEnvelope envelope) => _replay[envelope.Seq % _replay.Length] = envelope;
}

public static class LiveServiceCollectionExtensions
{
    public static IServiceCollection AddGeoCreditLive(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSignalR().AddMessagePackProtocol();
        services.AddSingleton(configuration.GetSection(LiveOptions.Section).Get<LiveOptions>() ?? new LiveOptions());
        services.AddSingleton<LiveFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveFeed>());
        return services;
    }

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<LiveHub>(LiveHub.Path);
        return endpoints;
    }
}
