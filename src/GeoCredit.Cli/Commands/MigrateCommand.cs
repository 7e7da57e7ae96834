using System.CommandLine;
using GeoCredit.Storage;
using GeoCredit.Storage.Migrations;
using Microsoft.Extensions.Logging;

namespace GeoCredit.Cli.Commands;

/// <summary><c>geocredit migrate</c>: applies the migrations a database lacks, as the server does at start.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var connection = ConnectionOption.Create();
        var command = new Command("migrate", "Bring the database schema up to date.") { connection };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var connectionString = parse.GetValue(connection);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                await Console.Error.WriteLineAsync(
                    $"No database: pass --connection or set {ConnectionOption.Variable}.");
                return 2;
            }

            using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));
            await using var dataSource = GeoCreditDataSource.Create(connectionString);
            var runner = new MigrationRunner(dataSource, loggers.CreateLogger<MigrationRunner>());
            var applied = await runner.MigrateAsync(cancellationToken);
            Console.WriteLine(applied.Count == 0
                ? $"Schema is current (version {await runner.CurrentVersionAsync(cancellationToken)})."
                : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}.");
            return 0;
        });
        return command;
    }
}
