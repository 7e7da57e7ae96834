using System.CommandLine;

namespace GeoCredit.Cli.Commands;

/// <summary>The database connection string: <c>--connection</c>, else <c>ConnectionStrings__GeoCredit</c>.</summary>
internal static class ConnectionOption
{
    public const string Variable = "ConnectionStrings__GeoCredit";

    public static Option<string> Create() => new("--connection")
    {
        Description = $"Npgsql connection string (default: the {Variable} environment variable).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(Variable) ?? "",
    };
}
