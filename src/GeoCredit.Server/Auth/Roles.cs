namespace GeoCredit.Server.Auth;

/// <summary>The roles a user can hold; each is also the name of a SignalR group prefix and a GraphQL role.</summary>
public static class Roles
{
    /// <summary>Control-room operator at the live map.</summary>
    public const string Operator = "operator";

    /// <summary>Street staff and field enforcement on a phone.</summary>
    public const string Field = "field";

    /// <summary>Staff of an operator company (a bike operator, a carrier).</summary>
    public const string Company = "company";

    /// <summary>Lock and port operator.</summary>
    public const string Lock = "lock";

    /// <summary>Administrator of zones, rules, grade schemes and users.</summary>
    public const string Admin = "admin";

    /// <summary>A machine that pushes positions (a feed, a simulator, a bridge).</summary>
    public const string Ingest = "ingest";

    public static IReadOnlyList<string> All { get; } = [Operator, Field, Company, Lock, Admin, Ingest];

    /// <summary>Those who watch the live map of every object.</summary>
    public static IReadOnlyList<string> MapWatchers { get; } = [Operator, Admin, Lock];
}
