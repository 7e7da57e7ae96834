namespace GeoCredit.Cli.Tests;

/// <summary>Runs the <c>geocredit</c> command in-process with its output captured.</summary>
internal static class CliRun
{
    // Console is process-wide: commands that redirect it must not overlap.
    private static readonly SemaphoreSlim ConsoleLock = new(1, 1);

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, string? input = null)
    {
        await ConsoleLock.WaitAsync();
        var (stdout, stderr, stdin) = (Console.Out, Console.Error, Console.In);
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            Console.SetOut(output);
            Console.SetError(error);
            if (input is not null)
            {
                Console.SetIn(new StringReader(input));
            }

            var exit = await CliApplication.CreateRootCommand().Parse(args).InvokeAsync();
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            Console.SetIn(stdin);
            ConsoleLock.Release();
        }
    }
}
