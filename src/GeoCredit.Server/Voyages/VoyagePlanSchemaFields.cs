using GeoCredit.Core.Voyages;
using GeoCredit.Server.Auth;
using GeoCredit.Server.GraphQL;
using GeoCredit.Server.Hosting;
using GeoCredit.Storage.Dispatch;
using GraphQL;
using GraphQL.Types;

namespace GeoCredit.Server.Voyages;

public sealed class VoyagePlanGraphType : ObjectGraphType<VoyagePlan>
{
    public VoyagePlanGraphType()
    {
        Name = "VoyagePlan";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field(p => p.YachtId);
        Field(p => p.Departure);
        Field(p => p.Arrival);
        Field(p => p.Route);
        Field<NonNullGraphType<StringGraphType>>("state").Resolve(ctx => ctx.Source.State.ToString());
        Field(p => p.FiledBy);
        Field(p => p.DecidedBy, nullable: true);
    }
}

/// <summary>Loads every stored voyage plan into the book at start.</summary>
internal sealed class VoyagePlanSeed(VoyagePlanStore store, VoyagePlanBook book) : IDatabaseSeed
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var plan in await store.AllAsync(cancellationToken))
        {
            book.Put(plan);
        }
    }
}

/// <summary>Voyage plans in the schema: clubs (company users) and operators file them, operators decide them.</summary>
public sealed class VoyagePlanSchemaFields(VoyagePlanBook book, VoyagePlanStore store, TimeProvider clock)
    : ISchemaFields
{
    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<VoyagePlanGraphType>>>>("voyagePlans")
            .Argument<IdGraphType>("yachtId")
            .AuthorizeWithRoles(Roles.Operator, Roles.Admin, Roles.Company)
            .Resolve(ctx => book.Of(ctx.GetArgument<string?>("yachtId")));

    public void AddMutationFields(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<VoyagePlanGraphType>>("fileVoyagePlan")
            .Argument<NonNullGraphType<IdGraphType>>("yachtId")
            .Argument<NonNullGraphType<DateTimeOffsetGraphType>>("departure")
            .Argument<NonNullGraphType<DateTimeOffsetGraphType>>("arrival")
            .Argument<StringGraphType>("route")
            .AuthorizeWithRoles(Roles.Operator, Roles.Admin, Roles.Company)
            .ResolveAsync(async ctx =>
            {
                VoyagePlan plan;
                try
                {
                    plan = VoyagePlan.File($"vp-{Guid.NewGuid():N}"[..15], ctx.GetArgument<string>("yachtId"),
                        ctx.GetArgument<DateTimeOffset>("departure"), ctx.GetArgument<DateTimeOffset>("arrival"),
                        ctx.GetArgument<string?>("route") ?? "", ctx.User!.Identity!.Name!, clock.GetUtcNow());
                }
                catch (ArgumentException e)
                {
                    throw new ExecutionError(e.Message) { Code = "BAD_ARGUMENT" };
                }

                await store.SaveAsync(plan, ctx.CancellationToken);
                book.Put(plan);
                return plan;
            });

        mutation.Field<NonNullGraphType<VoyagePlanGraphType>>("decideVoyagePlan")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<BooleanGraphType>>("approve")
            .AuthorizeWithRoles(Roles.Operator, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                if (!book.TryGet(ctx.GetArgument<string>("id"), out var plan))
                {
                    throw new ExecutionError($"There is no voyage plan {ctx.GetArgument<string>("id")}.")
                        { Code = "NOT_FOUND" };
                }

                try
                {
                    plan = plan.Decide(ctx.GetArgument<bool>("approve"), ctx.User!.Identity!.Name!, clock.GetUtcNow());
                }
                catch (InvalidOperationException e)
                {
                    throw new ExecutionError(e.Message) { Code = "ILLEGAL_TRANSITION" };
                }

                await store.SaveAsync(plan, ctx.CancellationToken);
                book.Put(plan);
                return plan;
            });
    }
}

public static class VoyagePlanServiceCollectionExtensions
{
    public static IServiceCollection AddGeoCreditVoyagePlans(this IServiceCollection services)
    {
        services.AddSingleton<VoyagePlanBook>();
        services.AddSingleton<VoyagePlanStore>();
        services.AddSingleton<IDatabaseSeed, VoyagePlanSeed>();
        services.AddSingleton<ISchemaFields, VoyagePlanSchemaFields>();
        return services;
    }
}
