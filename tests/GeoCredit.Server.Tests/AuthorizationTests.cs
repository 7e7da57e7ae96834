using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GeoCredit.Server.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace GeoCredit.Server.Tests;

public sealed class AuthorizationTests(RunningServer server) : IClassFixture<RunningServer>
{
    [Theory]
    [InlineData("GET", "/graphql?query=%7B__typename%7D")]
    [InlineData("POST", "/graphql")]
    [InlineData("POST", "/api/ingest/positions")]
    [InlineData("POST", "/hubs/live/negotiate?negotiateVersion=1")]
    public async Task Request_without_token_gets_401(string method, string path)
    {
        using var http = server.Anonymous();

        var reply = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST" ? JsonContent.Create(new { query = "{ objects { id } }" }) : null,
        });

        Assert.Equal(HttpStatusCode.Unauthorized, reply.StatusCode);
        Assert.DoesNotContain("\"data\"", await reply.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_with_forged_token_gets_401()
    {
        using var http = server.Anonymous();
        http.DefaultRequestHeaders.Authorization = new("Bearer",
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJvcGVyYXRvciIsInJvbGUiOiJhZG1pbiJ9.c2lnbmF0dXJl");

        var reply = await http.PostGraphQLAsync("{ objects { id } }");

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
    }

    [Fact]
    public async Task Health_is_open_without_token()
    {
        using var http = server.Anonymous();

        var reply = await http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var body = JsonDocument.Parse(await reply.Content.ReadAsStringAsync()).RootElement;
        Assert.True(body.GetProperty("databaseReachable").GetBoolean());
        Assert.Equal("apache", body.GetProperty("timescaleDbLicense").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("timescaleDbVersion").GetString()));
        Assert.StartsWith("3.", body.GetProperty("postGisVersion").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_with_wrong_password_gets_401_and_no_token()
    {
        using var http = server.Anonymous();

        var reply = await http.PostAsJsonAsync("/api/auth/login", new { username = "operator", password = "wrong" });

        Assert.Equal(HttpStatusCode.Unauthorized, reply.StatusCode);
        Assert.DoesNotContain("token", await reply.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_of_each_demo_user_returns_its_role()
    {
        using var http = server.Anonymous();
        foreach (var role in Auth.Roles.All)
        {
            var reply = await http.PostAsJsonAsync(
                "/api/auth/login", new { username = role, password = RunningServer.DemoPassword });

            reply.EnsureSuccessStatusCode();
            var body = JsonDocument.Parse(await reply.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal([role], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        }
    }

    [Fact]
    public async Task Field_user_asking_for_an_operator_field_is_refused_with_403_and_no_data()
    {
        using var field = await server.ClientAsync("field");

        var reply = await field.PostGraphQLAsync("{ objects { id } }");

        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
        Assert.Equal(["FORBIDDEN"], reply.ErrorCodes);
        Assert.False(reply.Body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Field_user_cannot_smuggle_a_forbidden_field_beside_an_open_one()
    {
        using var field = await server.ClientAsync("field");

        var reply = await field.PostGraphQLAsync("{ __typename ingestStats { rejections { count } } }");

        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
        Assert.False(reply.Body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Operator_cannot_push_positions()
    {
        using var operatorClient = await server.ClientAsync("operator");

        var reply = await operatorClient.PostAsJsonAsync("/api/ingest/positions", Array.Empty<object>());

        Assert.Equal(HttpStatusCode.Forbidden, reply.StatusCode);
    }

    [Fact]
    public async Task Field_user_cannot_watch_all_positions_on_the_hub()
    {
        await using var hub = await server.HubAsync("field");

        var refused = await Assert.ThrowsAsync<HubException>(
            () => hub.InvokeAsync<LiveCursor>(nameof(LiveHub.WatchPositions)));

        Assert.Contains("unauthorized", refused.Message, StringComparison.OrdinalIgnoreCase);
        var hello = await hub.InvokeAsync<LiveCursor>(nameof(LiveHub.Hello));
        Assert.Equal("field", hello.User);
        Assert.Equal(["field"], hello.Roles);
    }
}
