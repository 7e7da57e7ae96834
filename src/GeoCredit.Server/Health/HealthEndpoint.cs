using GeoCredit.Server.Hosting;
using GeoCredit.Storage.Health;

namespace GeoCredit.Server.Health;

/// <summary>The reply of <c>GET /healthz</c>.</summary>
public sealed record HealthReport(
    string Status,
    bool DatabaseReachable,
    bool SchemaReady,
    int SchemaVersion,
    string? PostgresVersion,
    string? TimescaleDbVersion,
    string? TimescaleDbLicense,
    string? PostGisVersion,
    string? Error);

public static class HealthEndpoint
{
    /// <summary><c>GET /healthz</c>: 200 when the database answers and the schema is current, else 503.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(
            "/healthz", async (DatabaseHealth health, SchemaState schema, CancellationToken cancellationToken) =>
        {
            var status = await health.CheckAsync(cancellationToken);
            var healthy = status.Reachable && schema.Ready;
            var report = new HealthReport(
                healthy ? "healthy" : "unhealthy",
                status.Reachable,
                schema.Ready,
                status.SchemaVersion,
                status.PostgresVersion,
                status.TimescaleDbVersion,
                status.TimescaleDbLicense,
                status.PostGisVersion,
                status.Error ?? (schema.Ready ? null : "The schema is not migrated yet."));
            return Results.Json(
                report, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous();

        return endpoints;
    }
}
