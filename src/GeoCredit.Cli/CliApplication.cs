using System.CommandLine;
using GeoCredit.Cli.Commands;

namespace GeoCredit.Cli;

/// <summary>The <c>geocredit</c> command and its subcommands.</summary>
public static class CliApplication
{
    public static RootCommand CreateRootCommand() =>
        new("GeoCredit: geospatial monitoring and dispatch for transport regulators.")
        {
            MigrateCommand.Create(),
            SimulateCommand.Create(),
            DecodeCommand.Create(),
        };
}
