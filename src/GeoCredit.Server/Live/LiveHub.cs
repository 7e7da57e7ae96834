using GeoCredit.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace GeoCredit.Server.Live;

/// <summary>Where a client stands in the live stream: the sequence number of the newest message sent.</summary>
public sealed record LiveCursor(long Sequence, string User, IReadOnlyList<string> Roles);

/// <summary>The answer to <see cref="LiveHub.Resume"/>: the missed messages, oldest first, or "reload".</summary>
/// <param name="Reload">True when the client is too far behind: it must reload through GraphQL.</param>
/// <param name="Latest">The newest sequence number.</param>
/// <param name="Missed">The messages after the client's last one that it may see.</param>
public sealed record LiveResume(bool Reload, long Latest, IReadOnlyList<LiveMessage> Missed);

/// <summary>
/// The live channel of the console. Every connection joins a group per role it holds (<c>role:operator</c>),
/// one for its own user (<c>user:name</c>), and its team's and company's (<c>team:patrol</c>,
/// <c>company:bikeco</c>); map watchers ask for the position stream explicitly. A user receives only what was
/// sent to a group it is in.
/// </summary>
[Authorize]
public sealed class LiveHub(LiveFeed feed) : Hub
{
    public const string Path = "/hubs/live";

    public override async Task OnConnectedAsync()
    {
        foreach (var group in LiveGroups.For(Context.User!))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group);
        }

        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        feed.Forget(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>Who the server thinks this client is, and the newest sequence number.</summary>
    public LiveCursor Hello() => new(
        feed.Sequence,
        Context.User?.Identity?.Name ?? "",
        Roles.All.Where(role => Context.User?.IsInRole(role) == true).ToArray());

    /// <summary>Starts the stream of position updates of every tracked object: for map watchers only.</summary>
    [Authorize(Roles = $"{Roles.Operator},{Roles.Admin},{Roles.Lock}")]
    public async Task<LiveCursor> WatchPositions()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Positions);
        return Hello();
    }

    /// <summary>Limits this client's position updates to a box (the map's viewport), in degrees.</summary>
    [Authorize(Roles = $"{Roles.Operator},{Roles.Admin},{Roles.Lock}")]
    public void SetViewport(double west, double south, double east, double north)
    {
        if (!(west < east && south < north))
        {
            throw new HubException("The viewport needs west < east and south < north.");
        }

        feed.SetViewport(Context.ConnectionId, new Viewport(west, south, east, north));
    }

    public Task UnwatchPositions() => Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveGroups.Positions);

    /// <summary>
    /// Called after a reconnect with the last sequence number the client saw: returns what it missed and may
    /// see, oldest first, or tells it to reload. Messages that arrive while this runs carry higher numbers; the
    /// client applies the missed ones first and skips any number it already has.
    /// </summary>
    public LiveResume Resume(long lastSeen)
    {
        var groups = LiveGroups.For(Context.User!).ToHashSet(StringComparer.Ordinal);
        if (Roles.MapWatchers.Any(role => Context.User!.IsInRole(role)))
        {
            groups.Add(LiveGroups.Positions);
        }

        var missed = feed.Since(lastSeen, groups);
        return missed is null
            ? new LiveResume(true, feed.Sequence, [])
            : new LiveResume(false, feed.Sequence, missed
                .Select(m => m.Message as LiveMessage ?? new LiveMessage(m.Seq, m.Type, m.Message))
                .ToArray());
    }
}

/// <summary>The names of the hub's groups.</summary>
public static class LiveGroups
{
    public const string Positions = "positions";

    public static string Role(string role) => $"role:{role}";

    public static string User(string user) => $"user:{user}";

    public static string Team(string team) => $"team:{team}";

    public static string Company(string company) => $"company:{company}";

    /// <summary>The groups a signed-in user belongs to, from the claims of its token.</summary>
    public static IEnumerable<string> For(System.Security.Claims.ClaimsPrincipal user)
    {
        foreach (var role in Roles.All.Where(user.IsInRole))
        {
            yield return Role(role);
        }

        if (user.Identity?.Name is { Length: > 0 } name)
        {
            yield return User(name);
        }

        if (user.FindFirst(GeoCreditClaims.Team)?.Value is { Length: > 0 } team)
        {
            yield return Team(team);
        }

        if (user.FindFirst(GeoCreditClaims.Company)?.Value is { Length: > 0 } company)
        {
            yield return Company(company);
        }
    }
}
