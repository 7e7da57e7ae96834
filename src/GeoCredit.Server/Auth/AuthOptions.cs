namespace GeoCredit.Server.Auth;

/// <summary>Settings under <c>GeoCredit:Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "GeoCredit:Auth";

    /// <summary>The HMAC-SHA256 key that signs tokens, at least 32 characters. Without one the server makes a
    /// random key at start, so tokens do not survive a restart.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "geocredit";

    public string Audience { get; set; } = "geocredit";

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The password of every demo user, created on first start when set; no demo users when empty.</summary>
    public string? DemoPassword { get; set; }
}
