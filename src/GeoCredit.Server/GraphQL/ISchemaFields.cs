using GraphQL.Types;

namespace GeoCredit.Server.GraphQL;

/// <summary>A feature's part of the root query or mutation type; each feature registers one.</summary>
public interface ISchemaFields
{
    void AddQueryFields(ObjectGraphType query);

    void AddMutationFields(ObjectGraphType mutation)
    {
    }
}
