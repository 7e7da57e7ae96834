using System.Collections.Concurrent;
using GeoCredit.Core.Dispatch;
using GeoCredit.Server.Auth;

namespace GeoCredit.Server.Dispatch;

/// <summary>The last reported position of each field member, by team, for offering orders to the nearest.
/// Thread-safe.</summary>
public sealed class FieldStaff
{
    private readonly ConcurrentDictionary<string, (string Team, MemberPosition Position)> _members =
        new(StringComparer.Ordinal);

    public void Report(string user, string team, MemberPosition position) => _members[user] = (team, position);

    public IReadOnlyList<MemberPosition> Team(string team) =>
        _members.Values.Where(m => m.Team == team).Select(m => m.Position).ToArray();
}

public sealed record FieldPositionRequest(double? Lon, double? Lat, bool? Available);

public static class FieldPositionEndpoint
{
    public const string Path = "/api/field/position";

    /// <summary><c>POST /api/field/position</c>: a field member's phone reports where they are and whether they are
    /// free to take an order.</summary>
    public static IEndpointRouteBuilder MapFieldPosition(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(
            Path, (FieldPositionRequest request, HttpContext http, FieldStaff staff, TimeProvider clock) =>
        {
            if (request.Lon is not (>= -180 and <= 180) || request.Lat is not (>= -90 and <= 90))
            {
                return Results.Problem(
                    "lon and lat must be degrees (WGS 84).", statusCode: StatusCodes.Status400BadRequest);
            }

            var team = http.User.FindFirst(GeoCreditClaims.Team)?.Value;
            if (team is null)
            {
                return Results.Problem("This user belongs to no team.", statusCode: StatusCodes.Status400BadRequest);
            }

            var user = http.User.Identity!.Name!;
            staff.Report(user, team, new MemberPosition(user, request.Lon.Value, request.Lat.Value, clock.GetUtcNow(),
                request.Available ?? true));
            return Results.NoContent();
        }).RequireAuthorization(policy => policy.RequireRole(Roles.Field));
        return endpoints;
    }
}
