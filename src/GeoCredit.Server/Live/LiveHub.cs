using GeoCredit.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace GeoCredit.Server.Live;

/// <summary>Where a client stands in the live stream: the sequence number of the newest message sent.</summary>
public sealed record LiveCursor(long Sequence, string User, IReadOnlyList<string> Roles);

/// <summary>
/// The live channel of the console. Every connection joins a group per role it holds (<c>role:operator</c>,
/// ...) and one for its own user (<c>user:name</c>); map watchers ask for the position stream explicitly.
/// </summary>
[Authorize]
public sealed class LiveHub(LiveFeed feed) : Hub
{
    public const string Path = "/hubs/live";

    public override async Task OnConnectedAsync()
    {
        foreach (var role in Roles.All.Where(role => Context.User?.IsInRole(role) == true))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Role(role));
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.User(Context.User?.Identity?.Name ?? ""));
        await base.OnConnectedAsync();
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

    public Task UnwatchPositions() => Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveGroups.Positions);
}

/// <summary>The names of the hub's groups.</summary>
public static class LiveGroups
{
    public const string Positions = "positions";

    public static string Role(string role) => $"role:{role}";

    public static string User(string user) => $"user:{user}";
}
