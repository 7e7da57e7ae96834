using System.Security.Claims;
using GeoCredit.Storage.Accounts;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GeoCredit.Server.Auth;

/// <summary>A signed token and when it stops being accepted.</summary>
public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>Claim types beyond the standard ones.</summary>
public static class GeoCreditClaims
{
    public const string Company = "company";
    public const string Team = "team";
}

/// <summary>Signs JWT bearer tokens for signed-in users. Thread-safe.</summary>
public sealed class TokenIssuer(SigningKey key, AuthOptions options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public IssuedToken Issue(UserAccount account)
    {
        var now = clock.GetUtcNow();
        var expires = now + options.TokenLifetime;
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, account.Username),
            new(JwtRegisteredClaimNames.Name, account.DisplayName),
        };
        claims.AddRange(account.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        if (account.Company is not null)
        {
            claims.Add(new Claim(GeoCreditClaims.Company, account.Company));
        }

        if (account.Team is not null)
        {
            claims.Add(new Claim(GeoCreditClaims.Team, account.Team));
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, expires);
    }
}

/// <summary>The key shared by the issuer and the bearer handler.</summary>
public sealed class SigningKey(SymmetricSecurityKey key)
{
    public SymmetricSecurityKey Key { get; } = key;
}
