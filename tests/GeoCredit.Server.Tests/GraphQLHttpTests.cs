using System.Net;
using System.Text;

namespace GeoCredit.Server.Tests;

/// <summary>The GraphQL over HTTP behaviour of <c>/graphql</c>.</summary>
public sealed class GraphQLHttpTests(RunningServer server) : IClassFixture<RunningServer>
{
    [Fact]
    public async Task Get_query_answers_with_graphql_response_json_by_default()
    {
        using var http = await server.ClientAsync("operator");

        var reply = await http.GetGraphQLAsync("{ objects { id } }");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("application/graphql-response+json", reply.MediaType);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, reply.Data.GetProperty("objects").ValueKind);
    }

    [Fact]
    public async Task Post_with_accept_application_json_answers_with_application_json()
    {
        using var http = await server.ClientAsync("operator");

        var reply = await http.PostGraphQLAsync("{ __typename }", accept: "application/json");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("application/json", reply.MediaType);
        Assert.Equal("Query", reply.Data.GetProperty("__typename").GetString());
    }

    [Theory]
    [InlineData("{ objects { id ")]
    [InlineData("{ noSuchField }")]
    [InlineData("query($x: Int!) { objects(first: $x) { id } }")]
    public async Task Unparseable_or_invalid_document_gets_400_and_no_data(string query)
    {
        using var http = await server.ClientAsync("operator");

        var reply = await http.PostGraphQLAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.True(reply.HasErrors);
        Assert.False(reply.Body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Body_that_is_not_json_gets_400()
    {
        using var http = await server.ClientAsync("operator");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("{ query: nope", Encoding.UTF8, "application/json"),
        };

        var reply = await GraphQLClient.SendAsync(http, request);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(["INVALID_REQUEST"], reply.ErrorCodes);
    }

    [Fact]
    public async Task Post_without_json_content_type_gets_415()
    {
        using var http = await server.ClientAsync("operator");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("{ __typename }", Encoding.UTF8, "text/plain"),
        };

        var reply = await GraphQLClient.SendAsync(http, request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, reply.Status);
    }

    [Fact]
    public async Task Accept_of_neither_media_type_gets_406()
    {
        using var http = await server.ClientAsync("operator");

        var reply = await http.GetGraphQLAsync("{ __typename }", accept: "text/html");

        Assert.Equal(HttpStatusCode.NotAcceptable, reply.Status);
    }

    [Fact]
    public async Task Document_deeper_than_the_limit_gets_400()
    {
        using var http = await server.ClientAsync("operator");
        var deep = "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType " +
            "{ ofType " +
            "{ ofType { name } } } } } } } } } } } } }";

        var reply = await http.PostGraphQLAsync(deep);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.True(reply.HasErrors);
    }

    [Fact]
    public async Task Argument_out_of_range_is_a_field_error_with_200()
    {
        using var http = await server.ClientAsync("operator");

        var reply = await http.PostGraphQLAsync("{ objects(first: 0) { id } }");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(["BAD_ARGUMENT"], reply.ErrorCodes);
    }
}
