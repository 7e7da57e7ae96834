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

/// <summary>Settings under <c>GeoCredit:Live</c>.</summary>
public sealed class LiveOptions
{
    public const string Section = "GeoCredit:Live";

    /// <summary>How often position updates go out; an object that moved several times in between is sent once,
    /// at its newest fix, so a console is never flooded however fast the feeds are.</summary>
    public TimeSpan PositionInterval { get; set; } = TimeSpan.FromMilliseconds(200);
}

/// <summary>
/// Sends what just happened to the connected consoles. Positions are gathered and sent as one batch per
/// interval, newest fix per object; every message carries the next number of one server-wide sequence, so a
/// client can tell whether it missed something. Thread-safe.
/// </summary>
public sealed class LiveFeed(IHubContext<LiveHub> hub, LiveOptions options, TimeProvider clock) : BackgroundService
{
    public const string PositionsMessage = "positions";

    private readonly object _gate = new();
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PositionInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await FlushAsync(stoppingToken);
        }
    }

    /// <summary>Sends what is pending now.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        Dictionary<string, LivePosition> batch;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            batch = _pending;
            _pending = new Dictionary<string, LivePosition>(StringComparer.Ordinal);
        }

        var message = new LivePositionBatch(Interlocked.Increment(ref _sequence), [.. batch.Values]);
        await hub.Clients.Group(LiveGroups.Positions).SendAsync(PositionsMessage, message, cancellationToken);
    }
}

public static class LiveServiceCollectionExtensions
{
    public static IServiceCollection AddGeoCreditLive(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSignalR();
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
