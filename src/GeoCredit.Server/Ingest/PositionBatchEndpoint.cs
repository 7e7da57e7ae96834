using System.Text.Json;
using GeoCredit.Core.Ingest;
using GeoCredit.Core.Tracking;
using GeoCredit.Server.Auth;

namespace GeoCredit.Server.Ingest;

/// <summary>The reply to a position batch: counts, and every refused item with its reason.</summary>
/// <param name="Received">Items in the batch.</param>
/// <param name="Accepted">Items valid and kept: stored, or safe in the spool until the database can take them.</param>
/// <param name="Duplicates">Valid items that repeat their object's last fix: dropped.</param>
/// <param name="Late">Accepted items older than their object's last fix: stored, but they do not move it.</param>
/// <param name="Rejected">Every refused item, with its index in the batch and the reason.</param>
public sealed record PositionBatchReply(int Received, int Accepted, int Duplicates, int Late,
    IReadOnlyList<RejectedItem> Rejected);

public static partial class PositionBatchEndpoint
{
    public const string Path = "/api/ingest/positions";

    /// <summary>The most items one batch may hold.</summary>
    public const int MaxItems = 10_000;

    /// <summary><c>POST /api/ingest/positions</c> with a JSON array of positions; for the ingest role.</summary>
    public static IEndpointRouteBuilder MapIngest(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, HandleAsync).RequireAuthorization(policy => policy.RequireRole(Roles.Ingest));
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(
        HttpRequest request,
        PositionBatchReader reader,
        PositionPipeline pipeline,
        IngestStatistics statistics,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            statistics.CountRejected(PositionSource.Http, RejectionReason.MalformedRecord.ToCode(),
                $"The body is not JSON: {e.Message}", "");
            return Results.Problem($"The body is not JSON: {e.Message}", statusCode: StatusCodes.Status400BadRequest);
        }

        using (document)
        {
            var items = document.RootElement;
            if (items.ValueKind == JsonValueKind.Object && items.TryGetProperty("positions", out var wrapped))
            {
                items = wrapped;
            }

            if (items.ValueKind != JsonValueKind.Array)
            {
                return Results.Problem(
                    "The body must be a JSON array of positions, or an object with a 'positions' array.",
                    statusCode: StatusCodes.Status400BadRequest);
            }

            if (items.GetArrayLength() > MaxItems)
            {
                return Results.Problem(
                    $"A batch holds at most {MaxItems} positions; send {items.GetArrayLength()} in parts.",
                    statusCode: StatusCodes.Status413PayloadTooLarge);
            }

            var batch = reader.Read(items);
            foreach (var rejected in batch.Rejected)
            {
                statistics.CountRejected(PositionSource.Http, rejected.Reason, rejected.Message,
                    items[rejected.Index].GetRawText());
            }

            try
            {
                var result = await pipeline.IngestAsync(batch.Accepted, cancellationToken);
                await result.Durable.WaitAsync(cancellationToken);
                return Results.Ok(new PositionBatchReply(items.GetArrayLength(), result.Accepted, result.Duplicates,
                    result.Late, batch.Rejected));
            }
            catch (IOException e)
            {
                LogStoreFailed(loggers.CreateLogger(typeof(PositionBatchEndpoint)), e, batch.Accepted.Count);
                return Results.Problem("Neither the database nor the spool could keep this batch; send it again.",
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }
    }

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "Could not store a batch of {Count} positions")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, int count);
}

public static class IngestServiceCollectionExtensions
{
    public static IServiceCollection AddGeoCreditIngest(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection("GeoCredit:Ingest").Get<PositionLimits>() ?? new PositionLimits();
        services.AddSingleton(limits);
        services.AddSingleton(sp => new PositionValidator(sp.GetRequiredService<TimeProvider>(), limits));
        services.AddSingleton(sp => new IngestStatistics(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<PositionBatchReader>();
        services.AddSingleton<LiveState>();
        services.AddSingleton<PositionPipeline>();
        services.AddSingleton<GeoCredit.Server.GraphQL.ISchemaFields, IngestSchemaFields>();
        return services;
    }
}
