using GraphQL.Types;

namespace GeoCredit.Server.GraphQL;

/// <summary>The GraphQL schema, assembled from the fields each feature contributes.</summary>
public sealed class GeoCreditSchema : Schema
{
    public GeoCreditSchema(IServiceProvider services, IEnumerable<ISchemaFields> features)
        : base(services)
    {
        var query = new ObjectGraphType { Name = "Query" };
        var mutation = new ObjectGraphType { Name = "Mutation" };
        foreach (var feature in features)
        {
            feature.AddQueryFields(query);
            feature.AddMutationFields(mutation);
        }

        Query = query;
        if (mutation.Fields.Count > 0)
        {
            Mutation = mutation;
        }
    }
}
