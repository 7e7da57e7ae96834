using GeoCredit.Server.Hosting;
using GeoCredit.Storage.Accounts;
using Microsoft.AspNetCore.Identity;

namespace GeoCredit.Server.Auth;

/// <summary>
/// Creates one demo user per role on first start, all with the configured demo password, so that a newcomer
/// can sign in as each kind of user. Existing accounts are never changed.
/// </summary>
internal sealed partial class DemoUsers(
    UserAccounts accounts,
    IPasswordHasher<UserAccount> hasher,
    AuthOptions options,
    ILogger<DemoUsers> logger) : IDatabaseSeed
{
    /// <summary>The demo accounts: user name, display name, company, team.</summary>
    public static IReadOnlyList<
        (string Username, string DisplayName, string Role, string? Company, string? Team)> Accounts
    { get; } =
    [
        ("operator", "Control room operator", Roles.Operator, null, null),
        ("field", "Street patrol officer", Roles.Field, null, "patrol"),
        ("company", "Bike operator dispatcher", Roles.Company, "bikeco", null),
        ("lock", "Lock master", Roles.Lock, null, "lock"),
        ("admin", "Administrator", Roles.Admin, null, null),
        ("ingest", "Feed bridge", Roles.Ingest, null, null),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.DemoPassword))
        {
            return;
        }

        foreach (var (username, displayName, role, company, team) in Accounts)
        {
            var account = new UserAccount(username, displayName, "", [role], company, team);
            account = account with { PasswordHash = hasher.HashPassword(account, options.DemoPassword) };
            if (await accounts.CreateIfMissingAsync(account, cancellationToken))
            {
                LogCreated(logger, username, role);
            }
        }
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Created demo user {Username} ({Role})")]
    private static partial void LogCreated(ILogger logger, string username, string role);
}
