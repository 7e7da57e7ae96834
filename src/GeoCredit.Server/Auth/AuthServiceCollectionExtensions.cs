using System.Security.Cryptography;
using System.Text;
using GeoCredit.Server.Hosting;
using GeoCredit.Storage.Accounts;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;

namespace GeoCredit.Server.Auth;

public static partial class AuthServiceCollectionExtensions
{
    private const int MinimumKeyLength = 32;

    /// <summary>JWT bearer authentication, and a fallback policy: every endpoint needs a signed-in user unless it
    /// says otherwise.</summary>
    public static IServiceCollection AddGeoCreditAuth(
        this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var key = new SigningKey(CreateKey(options.SigningKey));

        services.AddSingleton(options);
        services.AddSingleton(key);
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        services.AddSingleton<IDatabaseSeed, DemoUsers>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(bearer =>
        {
            bearer.MapInboundClaims = false;
            bearer.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = options.Issuer,
                ValidAudience = options.Audience,
                IssuerSigningKey = key.Key,
                NameClaimType = "sub",
                RoleClaimType = System.Security.Claims.ClaimTypes.Role,
                ClockSkew = TimeSpan.FromSeconds(30),
            };

            // Browsers cannot set headers on a WebSocket, so the SignalR client sends the token in the query.
            bearer.Events = new JwtBearerEvents
            {
                OnMessageReceived = context =>
                {
                    var token = context.Request.Query["access_token"];
                    if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments("/hubs"))
                    {
                        context.Token = token;
                    }

                    return Task.CompletedTask;
                },
            };
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        if (options.SigningKey is null)
        {
            services.AddHostedService<EphemeralKeyWarning>();
        }

        return services;
    }

    private static SymmetricSecurityKey CreateKey(string? configured)
    {
        if (configured is null)
        {
            return new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(MinimumKeyLength));
        }

        if (configured.Length < MinimumKeyLength)
        {
            throw new InvalidOperationException(
                $"{AuthOptions.Section}:SigningKey must be at least {MinimumKeyLength} characters long.");
        }

        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configured));
    }

    private sealed partial class EphemeralKeyWarning(ILogger<EphemeralKeyWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            LogEphemeralKey(logger);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(EventId = 201, Level = LogLevel.Warning,
            Message = "No GeoCredit:Auth:SigningKey configured: " +
                "tokens are signed with a random key and end at restart")]
        private static partial void LogEphemeralKey(ILogger logger);
    }
}
