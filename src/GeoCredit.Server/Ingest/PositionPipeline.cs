using GeoCredit.Core.Ingest;
using GeoCredit.Core.Tracking;
using GeoCredit.Server.Live;
using GeoCredit.Storage.Positions;

namespace GeoCredit.Server.Ingest;

/// <summary>What the pipeline did with a batch.</summary>
public sealed record PipelineResult(int Accepted, int Duplicates, int Late, Task Durable);

/// <summary>
/// The one way a validated position travels, whichever wire it came on: checked against the object's live
/// state (a repeat of the last fix is dropped, a late fix is stored but does not move the object), handed to
/// the writer to be stored, sent live, and judged against the zones and grades. Thread-safe.
/// </summary>
public sealed class PositionPipeline(
    LiveState liveState,
    PositionWriter writer,
    LiveFeed live,
    GeoCredit.Server.Geofencing.GeofencingService geofencing,
    IngestStatistics statistics)
{
    /// <summary>Takes a batch of validated reports of one source.</summary>
    /// <returns>Counts, and a task that completes when the stored part of the batch is durable.</returns>
    public async Task<PipelineResult> IngestAsync(
        IReadOnlyList<PositionReport> reports, CancellationToken cancellationToken = default)
    {
        if (reports.Count == 0)
        {
            return new PipelineResult(0, 0, 0, Task.CompletedTask);
        }

        // In device-time order, so that a batch whose items are shuffled still moves each object forwards.
        var ordered = reports.Count == 1 ? reports : reports.OrderBy(r => r.FixTime).ToArray();
        var toStore = new List<PositionReport>(ordered.Count);
        var moved = new List<PositionReport>(ordered.Count);
        var duplicates = 0;
        foreach (var report in ordered)
        {
            switch (liveState.Observe(report))
            {
                case FixOrder.Newer:
                    toStore.Add(report);
                    moved.Add(report);
                    break;
                case FixOrder.Older:
                    toStore.Add(report);
                    break;
                default:
                    duplicates++;
                    break;
            }
        }

        var source = reports[0].Source;
        statistics.CountAccepted(source, toStore.Count);
        statistics.CountDuplicates(source, duplicates);

        var durable = await writer.EnqueueAsync(toStore, cancellationToken);
        live.PublishPositions(moved);
        geofencing.Observe(moved);
        return new PipelineResult(toStore.Count, duplicates, toStore.Count - moved.Count, durable);
    }
}
