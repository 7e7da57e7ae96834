using GeoCredit.Cli;

return await CliApplication.CreateRootCommand().Parse(args).InvokeAsync();
