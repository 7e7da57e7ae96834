using System.Security.Cryptography;
using System.Text;
using GeoCredit.Core.Ingest;
using GeoCredit.Core.Tracking;
using GeoCredit.Protocols.Mds;

namespace GeoCredit.Server.Ingest.Mds;

/// <summary>A bike operator allowed to push MDS data, and the bearer token it pushes with.</summary>
public sealed class MdsProviderOptions
{
    /// <summary>The operator's MDS provider id (a UUID); records claiming another are refused.</summary>
    public Guid Id { get; set; }

    /// <summary>The company this provider is in GeoCredit (its work orders, its scores).</summary>
    public string OperatorId { get; set; } = "";

    /// <summary>The SHA-256 of the provider's token, in hex; only the hash is kept in configuration.</summary>
    public string TokenSha256 { get; set; } = "";
}

/// <summary>Settings under <c>GeoCredit:Mds</c>.</summary>
public sealed class MdsOptions
{
    public const string Section = "GeoCredit:Mds";

    public List<MdsProviderOptions> Providers { get; set; } = [];

    /// <summary>The most records one push may hold.</summary>
    public int MaxRecords { get; set; } = MdsBatchParser.DefaultMaxRecords;

    public static string HashToken(string token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant();
}

/// <summary>One refused MDS record in a reply (MDS 2.0 Agency: failures).</summary>
public sealed record MdsFailure(int Index, string Error, string Message);

/// <summary>The reply to an MDS push: how many records were taken of how many, and why the others were not.</summary>
public sealed record MdsPushReply(int Success, int Total, IReadOnlyList<MdsFailure> Failures);

/// <summary>
/// The MDS 2.0 push endpoints for bike operators: <c>POST /api/mds/vehicles/events</c> and
/// <c>POST /api/mds/vehicles/telemetry</c>, each operator with its own bearer token. Records are taken one by
/// one: a bad record is listed in the reply with its index and reason, and the good ones beside it are kept.
/// </summary>
public static class MdsEndpoints
{
    public const string EventsPath = "/api/mds/vehicles/events";
    public const string TelemetryPath = "/api/mds/vehicles/telemetry";

    public static IEndpointRouteBuilder MapMds(this IEndpointRouteBuilder endpoints)
    {
        // MDS providers hold opaque tokens of their own, not user sign-ins: the endpoint checks them itself.
        endpoints.MapPost(EventsPath, (HttpContext http, MdsIngest ingest) => ingest.HandleAsync(http, events: true))
            .AllowAnonymous();
        endpoints.MapPost(
            TelemetryPath, (HttpContext http, MdsIngest ingest) => ingest.HandleAsync(http, events: false))
            .AllowAnonymous();
        return endpoints;
    }
}

/// <summary>Authenticates a provider, parses its push and feeds the positions into the pipeline. Thread-safe.</summary>
public sealed class MdsIngest(
    MdsOptions options,
    PositionValidator validator,
    PositionPipeline pipeline,
    IngestStatistics statistics)
{
    private const int MaxBodyBytes = 16 * 1024 * 1024;

    public async Task<IResult> HandleAsync(HttpContext http, bool events)
    {
        var provider = Authenticate(http.Request);
        if (provider is null)
        {
            return Results.Problem("An MDS provider token is required (Authorization: Bearer <token>).",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return Results.Problem($"A push holds at most {MaxBodyBytes / 1024 / 1024} MiB.",
                statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        var utf8 = body.GetBuffer().AsMemory(0, (int)body.Length);

        var (fixes, total, rejections, bodyRejection) = events
            ? Parse(MdsBatchParser.ParseEvents(utf8, provider.Id, options.MaxRecords), e => e.ToPositionFix())
            : Parse(MdsBatchParser.ParseTelemetry(utf8, provider.Id, options.MaxRecords), t => t.ToPositionFix());
        if (bodyRejection is not null)
        {
            statistics.CountRejected(
                PositionSource.Mds, bodyRejection.Code, bodyRejection.Rejection.Message, bodyRejection.Input);
            return Results.Problem(bodyRejection.Rejection.Message, statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["error"] = bodyRejection.Code });
        }

        var failures = new List<MdsFailure>();
        foreach (var rejection in rejections)
        {
            statistics.CountRejected(PositionSource.Mds, rejection.Code, rejection.Rejection.Message, rejection.Input);
            failures.Add(new MdsFailure(rejection.Index, rejection.Code, rejection.Rejection.Message));
        }

        var accepted = new List<PositionReport>(fixes.Count);
        foreach (var (index, fix) in fixes)
        {
            var outcome = validator.Validate(
                fix.ObjectId, fix.Kind, fix.FixTime, fix.Longitude, fix.Latitude, fix.SpeedKmh,
                null, fix.Heading, fix.AccuracyM, MdsPositionFix.Source);
            if (outcome.Report is { } report)
            {
                accepted.Add(report with { OperatorId = provider.OperatorId });
            }
            else
            {
                statistics.CountRejected(PositionSource.Mds, outcome.Rejection!, fix.ObjectId);
                failures.Add(new MdsFailure(index, outcome.Rejection!.Code, outcome.Rejection.Message));
            }
        }

        var result = await pipeline.IngestAsync(accepted, http.RequestAborted);
        await result.Durable.WaitAsync(http.RequestAborted);
        return Results.Json(new MdsPushReply(accepted.Count, total, [.. failures.OrderBy(f => f.Index)]),
            statusCode: StatusCodes.Status201Created);
    }

    private static (
        List<(int Index, MdsPositionFix Fix)> Fixes, int Total, IReadOnlyList<MdsRecordRejection> Rejections,
        MdsBodyRejection? BodyRejection) Parse<TRecord>(MdsBatch<TRecord> batch, Func<TRecord, MdsPositionFix> toFix)
        where TRecord : class
    {
        // Records come back in body order without their index: recover it from the refused ones' indexes.
        var refused = batch.Rejections.Select(r => r.Index).ToHashSet();
        var indexes = Enumerable.Range(0, batch.Total).Where(i => !refused.Contains(i)).ToArray();
        var fixes = batch.Records.Select((record, i) => (i < indexes.Length ? indexes[i] : i, toFix(record))).ToList();
        return (fixes, batch.Total, batch.Rejections, batch.BodyRejection);
    }

    private MdsProviderOptions? Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var presented = Encoding.ASCII.GetBytes(MdsOptions.HashToken(header["Bearer ".Length..].Trim()));
        return options.Providers.FirstOrDefault(p =>
            CryptographicOperations.FixedTimeEquals(
                presented, Encoding.ASCII.GetBytes(p.TokenSha256.ToLowerInvariant())));
    }
}

public static class MdsServiceCollectionExtensions
{
    public static IServiceCollection AddGeoCreditMds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(MdsOptions.Section).Get<MdsOptions>() ?? new MdsOptions());
        services.AddSingleton<MdsIngest>();
        return services;
    }
}
