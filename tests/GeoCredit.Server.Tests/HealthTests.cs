using System.Net;
using System.Text.Json;
using GeoCredit.Server.Hosting;
using GeoCredit.Testing;

namespace GeoCredit.Server.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_is_503_while_the_database_is_unreachable_and_the_server_stays_up()
    {
        var closedPort = FreePort.Next();
        await using var app = GeoCreditApplication.Create(
        [
            "--urls=http://127.0.0.1:0",
            "--environment=Testing",
            $"--ConnectionStrings:GeoCredit=Host=127.0.0.1;Port={closedPort};" +
            "Username=x;Password=x;Database=x;Timeout=2",
            "--GeoCredit:Storage:Writer:SpoolDirectory=" +
            $"{Path.Combine(Path.GetTempPath(), "geocredit-health-" + Guid.NewGuid().ToString("N"))}",
            "--Logging:LogLevel:Default=None",
        ]);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        var first = await http.GetAsync("/healthz");
        var second = await http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        var body = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.GetProperty("databaseReachable").GetBoolean());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetString()));
        await app.StopAsync();
    }
}
