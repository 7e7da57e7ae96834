using GeoCredit.Core.Tracking;
using GeoCredit.Server.Auth;
using GeoCredit.Server.GraphQL;
using GeoCredit.Storage.Positions;
using GraphQL;
using GraphQL.Types;

namespace GeoCredit.Server.Tracking;

/// <summary>The tracking part of the schema: <c>objects</c> and <c>track</c>, for those who watch the map.</summary>
public sealed class TrackingSchemaFields : ISchemaFields
{
    public const int MaxObjectsPage = 5_000;
    public const int MaxTrackPoints = 50_000;

    public void AddQueryFields(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<TrackedObjectGraphType>>>>("objects")
            .Description("Tracked objects ordered by id, with their last known position.")
            .Argument<ObjectKindGraphType>("kind", "Only objects of this kind.")
            .Argument<IdGraphType>("after", "Start after this id (paging).")
            .Argument<IntGraphType>("first", arg => arg.DefaultValue = 1000)
            .AuthorizeWithRoles(Roles.Operator, Roles.Admin, Roles.Lock)
            .ResolveAsync(async ctx =>
            {
                var first = ctx.GetArgument("first", 1000);
                if (first is < 1 or > MaxObjectsPage)
                {
                    throw new ExecutionError($"'first' must be between 1 and {MaxObjectsPage}.") { Code = "BAD_ARGUMENT" };
                }

                var queries = ctx.RequestServices!.GetRequiredService<PositionQueries>();
                return await queries.ObjectsAsync(ctx.GetArgument<ObjectKind?>("kind"), ctx.GetArgument<string?>("after"),
                    first, ctx.CancellationToken);
            });

        query.Field<VesselGraphType>("vessel")
            .Description("A vessel's AIS static data by MMSI.")
            .Argument<NonNullGraphType<IdGraphType>>("mmsi")
            .AuthorizeWithRoles(Roles.Operator, Roles.Admin, Roles.Lock)
            .Resolve(ctx => ctx.RequestServices!.GetRequiredService<GeoCredit.Server.Ingest.Ais.VesselRegistry>()
                .TryGet(ctx.GetArgument<string>("mmsi"), out var vessel) ? vessel : null);

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<TrackPointGraphType>>>>("track")
            .Description("An object's fixes from 'from' (inclusive) to 'to' (exclusive), oldest first.")
            .Argument<NonNullGraphType<IdGraphType>>("objectId")
            .Argument<NonNullGraphType<DateTimeOffsetGraphType>>("from")
            .Argument<NonNullGraphType<DateTimeOffsetGraphType>>("to")
            .Argument<IntGraphType>("limit", arg => arg.DefaultValue = 10_000)
            .AuthorizeWithRoles(Roles.Operator, Roles.Admin, Roles.Lock)
            .ResolveAsync(async ctx =>
            {
                var from = ctx.GetArgument<DateTimeOffset>("from");
                var to = ctx.GetArgument<DateTimeOffset>("to");
                var limit = ctx.GetArgument("limit", 10_000);
                if (to <= from)
                {
                    throw new ExecutionError("'to' must be after 'from'.") { Code = "BAD_ARGUMENT" };
                }

                if (limit is < 1 or > MaxTrackPoints)
                {
                    throw new ExecutionError($"'limit' must be between 1 and {MaxTrackPoints}.") { Code = "BAD_ARGUMENT" };
                }

                var queries = ctx.RequestServices!.GetRequiredService<PositionQueries>();
                return await queries.TrackAsync(ctx.GetArgument<string>("objectId"), from, to, limit, ctx.CancellationToken);
            });
    }
}

public static class TrackingServiceCollectionExtensions
{
    public static IServiceCollection AddGeoCreditTracking(this IServiceCollection services)
    {
        services.AddSingleton<ISchemaFields, TrackingSchemaFields>();
        return services;
    }
}
