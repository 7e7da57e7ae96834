using System.CommandLine;
using GeoCredit.Core.Tracking;
using GeoCredit.Simulator.Feeds;
using GeoCredit.Simulator.Scenarios;

namespace GeoCredit.Cli.Commands;

/// <summary>
/// <c>geocredit simulate</c>: plays the demo scenario into a running server, in real time, over the protocols
/// each kind of object really speaks when asked to: trucks as JT/T 808 terminals, vessels as AIS over UDP, bikes
/// as their operator's MDS pushes; everything else (and everything, by default) over the HTTP ingest endpoint.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var server = new Option<string>("--server")
        {
            Description = "The server's base URL.",
            DefaultValueFactory = _ => "http://127.0.0.1:5080",
        };
        var user = new Option<string>("--user")
            { Description = "An ingest user.", DefaultValueFactory = _ => "ingest" };
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
        var duration = new Option<double?>("--duration")
            { Description = "Stop after this many seconds (default: run until stopped)." };
        var bikes = new Option<int>("--bikes") { DefaultValueFactory = _ => 200, Description = "How many bikes." };
        var jt808 = new Option<string?>("--jt808")
            { Description = "host:port of the JT/T 808 listener: trucks speak JT/T 808." };
        var terminals = new Option<string?>("--terminals")
            { Description = "The terminals file (terminal,object_id,...) for --jt808." };
        var aisUdp = new Option<string?>("--ais-udp")
            { Description = "host:port of the AIS UDP listener: vessels speak AIS." };
        var mdsToken = new Option<string?>("--mds-token")
            { Description = "A bike operator's MDS token: bikes come as MDS telemetry." };
        var mdsProvider = new Option<Guid?>("--mds-provider") { Description = "That operator's MDS provider id." };
        var grades = new Option<string?>("--grades")
            { Description = "A grades CSV to import first, as the admin user." };

        var command = new Command("simulate", "Play the demo scenario (bikes, trucks, vessels, yachts) into a server.")
        {
            server, user, password, interval, duration, bikes, jt808, terminals, aisUdp, mdsToken, mdsProvider, grades,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!Uri.TryCreate(parse.GetValue(server), UriKind.Absolute, out var serverUri))
            {
                await Console.Error.WriteLineAsync($"'{parse.GetValue(server)}' is not an absolute URL.");
                return 2;
            }

            if (parse.GetValue(grades) is { } gradesFile)
            {
                Console.WriteLine(
                    "Grades: " + await DemoGrades.ImportAsync(serverUri, "admin", parse.GetValue(password)!,
                    gradesFile, cancellationToken));
            }

            var scenario = new DemoScenario(bikes: parse.GetValue(bikes));
            using var http = await HttpPositionFeed.SignInAsync(
                serverUri, parse.GetValue(user)!, parse.GetValue(password)!, cancellationToken);
            await using var trucks = parse.GetValue(jt808) is { } jt && parse.GetValue(terminals) is { } file
                ? new Jt808Fleet(Host(jt), Port(jt), Jt808Fleet.ReadTerminals(file))
                : null;
            using var vessels = parse.GetValue(aisUdp) is { } ais ? new AisUdpFeed(Host(ais), Port(ais)) : null;
            using var mds = parse.GetValue(mdsToken) is { } token && parse.GetValue(mdsProvider) is { } provider
                ? MdsFeed.Create(serverUri, token, provider)
                : null;

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

                    var fixes = scenario.FixesAt(start, elapsed).ToArray();
                    var rest = fixes
                        .Where(f => !(trucks is not null && f.Kind == ObjectKind.Truck) &&
                            !(vessels is not null && f.Kind == ObjectKind.Vessel) &&
                            !(mds is not null && f.Kind == ObjectKind.Bike))
                        .ToArray();
                    try
                    {
                        if (trucks is not null)
                        {
                            await trucks.SendAsync(fixes.Where(f => f.Kind == ObjectKind.Truck), cancellationToken);
                        }

                        if (vessels is not null)
                        {
                            await vessels.SendAsync(fixes.Where(f => f.Kind == ObjectKind.Vessel), cancellationToken);
                        }

                        if (mds is not null)
                        {
                            await mds.SendAsync(
                                fixes.Where(f => f.Kind == ObjectKind.Bike).ToArray(), cancellationToken);
                        }

                        var result = await http.SendAsync(rest, cancellationToken);
                        if (result.Rejected > 0)
                        {
                            await Console.Error.WriteLineAsync($"{result.Rejected} fixes refused by the server.");
                        }
                    }
                    catch (Exception e)
                        when (e is HttpRequestException or IOException or System.Net.Sockets.SocketException)
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

    private static string Host(string hostPort) => hostPort[..hostPort.LastIndexOf(':')];

    private static int Port(string hostPort) =>
        int.Parse(hostPort[(hostPort.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}
