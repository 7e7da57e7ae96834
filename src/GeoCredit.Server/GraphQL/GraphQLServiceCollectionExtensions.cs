using GraphQL;

namespace GeoCredit.Server.GraphQL;

public static class GraphQLServiceCollectionExtensions
{
    public static IServiceCollection AddGeoCreditGraphQL(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(GraphQLOptions.Section).Get<GraphQLOptions>() ?? new GraphQLOptions();
        services.AddSingleton(options);
        services.AddGraphQL(graphql => graphql
            .AddSchema<GeoCreditSchema>()
            .AddSystemTextJson()
            .AddGraphTypes(typeof(GeoCreditSchema).Assembly));
        services.AddSingleton<GraphQLHttpEndpoint>();
        return services;
    }

    /// <summary>Maps <c>/graphql</c> for GET and POST; only signed-in users reach it.</summary>
    public static IEndpointRouteBuilder MapGeoCreditGraphQL(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(GraphQLHttpEndpoint.Path, [HttpMethods.Get, HttpMethods.Post],
            (HttpContext http, GraphQLHttpEndpoint endpoint) => endpoint.HandleAsync(http));
        return endpoints;
    }
}
