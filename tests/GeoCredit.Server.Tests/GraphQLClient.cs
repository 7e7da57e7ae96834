using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace GeoCredit.Server.Tests;

/// <summary>A GraphQL response as the tests read it: status, content type and the parsed body.</summary>
public sealed record GraphQLReply(HttpStatusCode Status, string? MediaType, JsonElement Body)
{
    public JsonElement Data => Body.GetProperty("data");

    public bool HasErrors => Body.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0;

    public IReadOnlyList<string> ErrorCodes => HasErrors
        ? Body.GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("extensions").GetProperty("code").GetString()!)
            .ToArray()
        : [];
}

public static class GraphQLClient
{
    public static async Task<GraphQLReply> PostGraphQLAsync(
        this HttpClient http, string query, object? variables = null, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query, variables }),
        };
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        return await SendAsync(http, request);
    }

    public static async Task<GraphQLReply> GetGraphQLAsync(this HttpClient http, string query, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString(query));
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        return await SendAsync(http, request);
    }

    public static async Task<GraphQLReply> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        using var reply = await http.SendAsync(request);
        var text = await reply.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new GraphQLReply(reply.StatusCode, reply.Content.Headers.ContentType?.MediaType, body);
    }
}
