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

/// <summary>The <c>positions</c> message: a batch of new fixes under one sequence number.</summary>
public sealed record LivePositionBatch(long Seq, IReadOnlyList<LivePosition> Positions);

/// <summary>
/// Sends what just happened to the connected consoles. Every message carries the next number of one
/// server-wide sequence, so a client can tell whether it missed something. Thread-safe.
/// </summary>
public sealed class LiveFeed(IHubContext<LiveHub> hub)
{
    public const string PositionsMessage = "positions";

    private long _sequence;

    /// <summary>The sequence number of the newest message sent.</summary>
    public long Sequence => Interlocked.Read(ref _sequence);

    public Task PublishPositionsAsync(IReadOnlyList<PositionReport> reports, CancellationToken cancellationToken = default)
    {
        if (reports.Count == 0)
        {
            return Task.CompletedTask;
        }

        var positions = new LivePosition[reports.Count];
        for (var i = 0; i < reports.Count; i++)
        {
            var r = reports[i];
            positions[i] = new LivePosition(r.ObjectId, r.Kind.ToWire(), r.FixTime, r.Longitude, r.Latitude,
                r.SpeedKmh, r.Course, r.Heading, r.Source.ToString().ToLowerInvariant());
        }

        var batch = new LivePositionBatch(Interlocked.Increment(ref _sequence), positions);
        return hub.Clients.Group(LiveGroups.Positions).SendAsync(PositionsMessage, batch, cancellationToken);
    }
}

public static class LiveServiceCollectionExtensions
{
    public static IServiceCollection AddGeoCreditLive(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<LiveFeed>();
        return services;
    }

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<LiveHub>(LiveHub.Path);
        return endpoints;
    }
}
