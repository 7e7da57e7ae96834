using GeoCredit.Core.Tracking;
using GeoCredit.Server.Hosting;
using GeoCredit.Storage.Retention;
using Npgsql;

namespace GeoCredit.Server.Storage;

/// <summary>Settings under <c>GeoCredit:Storage:Retention</c>.</summary>
public sealed class RetentionOptions
{
    public const string Section = "GeoCredit:Storage:Retention";

    /// <summary>How often the job looks for chunks to drop.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long positions are kept, per object kind (bike, truck, vessel, yacht); a kind not named is
    /// kept for ever.</summary>
    public Dictionary<string, TimeSpan> Periods { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["bike"] = TimeSpan.FromDays(180),
        ["truck"] = TimeSpan.FromDays(730),
        ["vessel"] = TimeSpan.FromDays(730),
        ["yacht"] = TimeSpan.FromDays(730),
    };
}

/// <summary>Runs position retention on a schedule, once the schema is ready.</summary>
internal sealed partial class RetentionService(
    PositionRetention retention,
    RetentionOptions options,
    SchemaState schema,
    TimeProvider clock,
    ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var periods = options.Periods
            .Where(p => ObjectKinds.TryParse(p.Key, out _))
            .ToDictionary(p => ObjectKinds.Parse(p.Key), p => p.Value);
        using var timer = new PeriodicTimer(options.Interval, clock);
        do
        {
            if (!schema.Ready)
            {
                continue;
            }

            try
            {
                var dropped = await retention.DropExpiredAsync(periods, clock.GetUtcNow(), stoppingToken);
                if (dropped.Count > 0)
                {
                    LogDropped(logger, dropped.Count);
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                LogFailed(logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(
        EventId = 800, Level = LogLevel.Information, Message = "Retention dropped {Chunks} chunks of positions")]
    private static partial void LogDropped(ILogger logger, int chunks);

    [LoggerMessage(EventId = 801, Level = LogLevel.Warning, Message = "Retention did not run: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
