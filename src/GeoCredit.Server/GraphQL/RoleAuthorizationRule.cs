using GraphQL;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace GeoCredit.Server.GraphQL;

/// <summary>
/// Refuses, before anything runs, a document that selects a field the user's roles do not allow. A field's
/// roles are set with <c>AuthorizeWithRoles</c>; a field without roles is open to every signed-in user
/// (the endpoint itself admits only signed-in users). Because the whole document is refused, no data of a
/// forbidden field can leak through a sibling field.
/// </summary>
public sealed class RoleAuthorizationRule : ValidationRuleBase
{
    public const string ForbiddenCode = "FORBIDDEN";

    public static RoleAuthorizationRule Instance { get; } = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(new MatchingNodeVisitor<GraphQLField>((field, ctx) =>
        {
            var definition = ctx.TypeInfo.GetFieldDef();
            var roles = definition?.GetRoles();
            if (roles is null || roles.Count == 0)
            {
                return;
            }

            if (!roles.Any(role => ctx.User?.IsInRole(role) == true))
            {
                ctx.ReportError(new ValidationError(
                    ctx.Document.Source,
                    ForbiddenCode,
                    $"The field '{definition!.Name}' needs one of the roles: {string.Join(", ", roles)}.",
                    field)
                {
                    Code = ForbiddenCode,
                });
            }
        }));
}
