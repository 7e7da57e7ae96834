using GeoCredit.Core.Ingest;
using GeoCredit.Core.Tracking;
using GeoCredit.Server.Live;
using GeoCredit.Storage.Positions;

namespace GeoCredit.Server.Ingest;

/// <summary>
/// The one way a validated position travels: stored once, then sent live. Every ingest path ends here.
/// Thread-safe.
/// </summary>
public sealed partial class PositionPipeline(
    PositionStore store,
    LiveFeed live,
    IngestStatistics statistics,
    ILogger<PositionPipeline> logger)
{
    /// <summary>Stores the reports and publishes those that were new.</summary>
    /// <returns>The reports that were new; a fix already stored is left out.</returns>
    public async Task<IReadOnlyList<PositionReport>> IngestAsync(
        IReadOnlyList<PositionReport> reports, CancellationToken cancellationToken = default)
    {
        if (reports.Count == 0)
        {
            return [];
        }

        var fresh = await store.WriteAsync(reports, cancellationToken);
        foreach (var group in fresh.GroupBy(report => report.Source))
        {
            statistics.CountAccepted(group.Key, group.Count());
        }

        if (logger.IsEnabled(LogLevel.Debug))
        {
            LogStored(logger, reports.Count, fresh.Count);
        }

        await live.PublishPositionsAsync(fresh, cancellationToken);
        return fresh;
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "Stored {Fresh} new of {Received} positions")]
    private static partial void LogStored(ILogger logger, int received, int fresh);
}
