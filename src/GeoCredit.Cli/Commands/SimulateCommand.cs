using System.CommandLine;
using GeoCredit.Simulator.Feeds;
using GeoCredit.Simulator.Scenarios;

namespace GeoCredit.Cli.Commands;

/// <summary><c>geocredit simulate</c>: plays the demo scenario into a running server, in real time.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var server = new Option<string>("--server")
        {
            Description = "The server's base URL.",
            DefaultValueFactory = _ => "http://127.0.0.1:5080",
        };
        var user = new Option<string>("--user") { Description = "An ingest user.", DefaultValueFactory = _ => "ingest" };
        var password = new Option<string>("--password")
        {
            Description = "Its password (default: the GEOCREDIT_INGEST_PASSWORD environment variable).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("GEOCREDIT_INGEST_PASSWORD") ?? "",
        };
        var interval = new Option<double>("--interval")
        {
            Description = "Seconds between two reports of each object.",
            DefaultValueFactory = _ => 5,
        };
        var duration = new Option<double?>("--duration") { Description = "Stop after this many seconds (default: run until stopped)." };
        var bikes = new Option<int>("--bikes") { DefaultValueFactory = _ => 200, Description = "How many bikes." };

        var command = new Command("simulate", "Play the demo scenario (bikes, trucks, vessels, yachts) into a server.")
        {
            server, user, password, interval, duration, bikes,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!Uri.TryCreate(parse.GetValue(server), UriKind.Absolute, out var serverUri))
            {
                await Console.Error.WriteLineAsync($"'{parse.GetValue(server)}' is not an absolute URL.");
                return 2;
            }

            var scenario = new DemoScenario(bikes: parse.GetValue(bikes));
            using var feed = await HttpPositionFeed.SignInAsync(
                serverUri, parse.GetValue(user)!, parse.GetValue(password)!, cancellationToken);
            var period = TimeSpan.FromSeconds(Math.Max(0.2, parse.GetValue(interval)));
            var stopAt = parse.GetValue(duration) is { } seconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.MaxValue;

            var start = DateTimeOffset.UtcNow;
            Console.WriteLine($"Simulating {scenario.Objects.Count} objects every {period.TotalSeconds:0.#} s.");
            using var timer = new PeriodicTimer(period);
            try
            {
                do
                {
                    var elapsed = DateTimeOffset.UtcNow - start;
                    if (elapsed > stopAt)
                    {
                        break;
                    }

                    try
                    {
                        var result = await feed.SendAsync(scenario.FixesAt(start, elapsed).ToArray(), cancellationToken);
                        if (result.Rejected > 0)
                        {
                            await Console.Error.WriteLineAsync($"{result.Rejected} fixes refused by the server.");
                        }
                    }
                    catch (HttpRequestException e)
                    {
                        // The server may be restarting or its database away: keep playing, the next tick tries again.
                        await Console.Error.WriteLineAsync($"Sending failed, trying again next tick: {e.Message}");
                    }
                }
                while (await timer.WaitForNextTickAsync(cancellationToken));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }

            return 0;
        });
        return command;
    }
}
