using GeoCredit.Storage.Accounts;
using Microsoft.AspNetCore.Identity;

namespace GeoCredit.Server.Auth;

public sealed record LoginRequest(string? Username, string? Password);

public sealed record LoginReply(string Token, DateTimeOffset ExpiresAt, string Username, string DisplayName,
    IReadOnlyList<string> Roles, string? Company, string? Team);

public static class LoginEndpoint
{
    /// <summary><c>POST /api/auth/login</c>: a token for a user name and password, or 401.</summary>
    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/auth/login", async (
            LoginRequest request,
            UserAccounts accounts,
            IPasswordHasher<UserAccount> hasher,
            TokenIssuer issuer,
            CancellationToken cancellationToken) =>
        {
            if (string.IsNullOrEmpty(request.Username) || string.IsNullOrEmpty(request.Password))
            {
                return Results.Problem(
                    "A user name and a password are required.", statusCode: StatusCodes.Status400BadRequest);
            }

            var account = await accounts.FindAsync(request.Username, cancellationToken);
            if (account is null ||
                hasher.VerifyHashedPassword(
                    account, account.PasswordHash, request.Password) == PasswordVerificationResult.Failed)
            {
                return Results.Problem(
                    "Unknown user name or wrong password.", statusCode: StatusCodes.Status401Unauthorized);
            }

            var token = issuer.Issue(account);
            return Results.Ok(new LoginReply(token.Token, token.ExpiresAt, account.Username, account.DisplayName,
                account.Roles, account.Company, account.Team));
        }).AllowAnonymous();

        return endpoints;
    }
}
