using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Net.Http.Headers;

namespace GeoCredit.Server.GraphQL;

/// <summary>
/// <c>/graphql</c>, following the GraphQL over HTTP specification: queries by GET (parameters in the query
/// string) and POST (<c>application/json</c> body); replies as <c>application/graphql-response+json</c> when
/// the client accepts it (or says nothing), else as <c>application/json</c>. A request that cannot be parsed or
/// fails validation gets 400 with the errors and no data; a document selecting a field the user's roles
/// forbid gets 403; a mutation by GET gets 405.
/// </summary>
public sealed class GraphQLHttpEndpoint(
    IDocumentExecuter executer,
    ISchema schema,
    IGraphQLTextSerializer serializer,
    GraphQLOptions options)
{
    public const string Path = "/graphql";
    public const string GraphQLResponseMediaType = "application/graphql-response+json";
    public const string JsonMediaType = "application/json";

    private readonly IValidationRule[] _rules =
    [
        .. DocumentValidator.CoreRules,
        RoleAuthorizationRule.Instance,
        new ComplexityValidationRule(new ComplexityOptions
        {
            MaxDepth = options.MaxDepth,
            MaxComplexity = options.MaxComplexity,
        }),
    ];

    public async Task HandleAsync(HttpContext http)
    {
        var mediaType = ChooseMediaType(http.Request);
        if (mediaType is null)
        {
            http.Response.StatusCode = StatusCodes.Status406NotAcceptable;
            await WriteErrorAsync(http, JsonMediaType, StatusCodes.Status406NotAcceptable,
                $"Accept {GraphQLResponseMediaType} or {JsonMediaType}.", "NOT_ACCEPTABLE");
            return;
        }

        var (request, requestError, requestStatus) = await ReadRequestAsync(http);
        if (request is null)
        {
            await WriteErrorAsync(http, mediaType, requestStatus, requestError!, "INVALID_REQUEST");
            return;
        }

        GraphQLDocument document;
        try
        {
            document = GraphQLParser.Parser.Parse(request.Query!);
        }
        catch (GraphQLSyntaxErrorException e)
        {
            await WriteErrorAsync(http, mediaType, StatusCodes.Status400BadRequest, e.Message, "SYNTAX_ERROR");
            return;
        }

        if (HttpMethods.IsGet(http.Request.Method) && SelectsMutation(document, request.OperationName))
        {
            http.Response.Headers.Allow = "POST";
            await WriteErrorAsync(http, mediaType, StatusCodes.Status405MethodNotAllowed,
                "Mutations must be sent with POST.", "METHOD_NOT_ALLOWED");
            return;
        }

        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = schema,
            Query = request.Query,
            Document = document,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            User = http.User,
            RequestServices = http.RequestServices,
            CancellationToken = http.RequestAborted,
            ValidationRules = _rules,
        });

        await WriteAsync(http, mediaType, StatusOf(result), result);
    }

    private static int StatusOf(ExecutionResult result)
    {
        if (result.Executed)
        {
            return StatusCodes.Status200OK;
        }

        var errors = result.Errors ?? [];
        return errors.Count > 0 && errors.All(e => e.Code == RoleAuthorizationRule.ForbiddenCode)
            ? StatusCodes.Status403Forbidden
            : StatusCodes.Status400BadRequest;
    }

    private static string? ChooseMediaType(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0)
        {
            return GraphQLResponseMediaType;
        }

        foreach (var value in accept.OrderByDescending(v => v.Quality ?? 1))
        {
            if (value.MediaType.Equals(GraphQLResponseMediaType, StringComparison.OrdinalIgnoreCase) ||
                value.MediaType.Equals("*/*", StringComparison.Ordinal) ||
                value.MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase))
            {
                return GraphQLResponseMediaType;
            }

            if (value.MediaType.Equals(JsonMediaType, StringComparison.OrdinalIgnoreCase))
            {
                return JsonMediaType;
            }
        }

        return null;
    }

    private async Task<(GraphQLRequest? Request, string? Error, int Status)> ReadRequestAsync(HttpContext http)
    {
        GraphQLRequest? request;
        try
        {
            if (HttpMethods.IsGet(http.Request.Method))
            {
                var query = http.Request.Query;
                request = new GraphQLRequest
                {
                    Query = query["query"],
                    OperationName = query["operationName"],
                    Variables = ReadInputs(query["variables"]),
                    Extensions = ReadInputs(query["extensions"]),
                };
            }
            else if (!IsJsonContent(http.Request.ContentType))
            {
                return (null, $"Send the request as {JsonMediaType}.", StatusCodes.Status415UnsupportedMediaType);
            }
            else
            {
                request = await serializer.ReadAsync<GraphQLRequest>(http.Request.Body, http.RequestAborted);
            }
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return (null, $"The request is not valid JSON: {e.Message}", StatusCodes.Status400BadRequest);
        }

        if (request is null || string.IsNullOrWhiteSpace(request.Query))
        {
            return (null, "The request has no query.", StatusCodes.Status400BadRequest);
        }

        return (request, null, StatusCodes.Status200OK);
    }

    private Inputs? ReadInputs(string? json) =>
        string.IsNullOrEmpty(json) ? null : serializer.Deserialize<Inputs>(json);

    private static bool IsJsonContent(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) &&
        parsed.MediaType.Equals(JsonMediaType, StringComparison.OrdinalIgnoreCase);

    private static bool SelectsMutation(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var selected = operationName is null
            ? operations.Count == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name?.Value == operationName);
        return selected is { Operation: not OperationType.Query };
    }

    private Task WriteErrorAsync(HttpContext http, string mediaType, int status, string message, string code) =>
        WriteAsync(http, mediaType, status, new ExecutionResult
        {
            Executed = false,
            Errors = [new ExecutionError(message) { Code = code }],
        });

    private async Task WriteAsync(HttpContext http, string mediaType, int status, ExecutionResult result)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = $"{mediaType}; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}
