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
                    throw new ExecutionError($"'first' must be between 1 and {MaxObjectsPage}.")
                        { Code = "BAD_ARGUMENT" };
                }

                var queries = ctx.RequestServices!.GetRequiredService<PositionQueries>();
                return await queries.ObjectsAsync(
                    ctx.GetArgument<ObjectKind?>("kind"), ctx.GetArgument<string?>("after"),
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
            .Argument<IntGraphType>("maxPoints", "Downsample to at most this many points (the last fix of each of " +
                "that many equal time buckets); all fixes up to 'limit' when left out.")
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
                    throw new ExecutionError($"'limit' must be between 1 and {MaxTrackPoints}.")
                        { Code = "BAD_ARGUMENT" };
                }

                var queries = ctx.RequestServices!.GetRequiredService<PositionQueries>();
                var objectId = ctx.GetArgument<string>("objectId");
                if (ctx.GetArgument<int?>("maxPoints") is { } maxPoints)
                {
                    if (maxPoints is < 1 or > MaxTrackPoints)
                    {
                        throw new ExecutionError($"'maxPoints' must be between 1 and {MaxTrackPoints}.")
                            { Code = "BAD_ARGUMENT" };
                    }

                    return await queries.DownsampledTrackAsync(objectId, from, to, maxPoints, ctx.CancellationToken);
                }

                return await queries.TrackAsync(objectId, from, to, limit, ctx.CancellationToken);
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ScenePositionGraphType>>>>("scene")
            .Description("Every object inside a box at a moment, at its newest fix up to then (playback of an area).")
            .Argument<NonNullGraphType<FloatGraphType>>("west")
            .Argument<NonNullGraphType<FloatGraphType>>("south")
            .Argument<NonNullGraphType<FloatGraphType>>("east")
            .Argument<NonNullGraphType<FloatGraphType>>("north")
            .Argument<NonNullGraphType<DateTimeOffsetGraphType>>("at")
            .Argument<IntGraphType>("lookbackMinutes", arg => arg.DefaultValue = 60)
            .Argument<IntGraphType>("limit", arg => arg.DefaultValue = 10_000)
            .AuthorizeWithRoles(Roles.Operator, Roles.Admin, Roles.Lock)
            .ResolveAsync(async ctx =>
            {
                var (west, south) = (ctx.GetArgument<double>("west"), ctx.GetArgument<double>("south"));
                var (east, north) = (ctx.GetArgument<double>("east"), ctx.GetArgument<double>("north"));
                var lookback = ctx.GetArgument("lookbackMinutes", 60);
                var limit = ctx.GetArgument("limit", 10_000);
                if (west >= east || south >= north || west < -180 || east > 180 || south < -90 || north > 90)
                {
                    throw new ExecutionError("The box must have west < east and south < north, in degrees.")
                        { Code = "BAD_ARGUMENT" };
                }

                if (lookback is < 1 or > 24 * 60 || limit is < 1 or > MaxTrackPoints)
                {
                    throw new ExecutionError($"'lookbackMinutes' must be 1 to 1440 and 'limit' 1 to {MaxTrackPoints}.")
                    {
                        Code = "BAD_ARGUMENT",
                    };
                }

                var queries = ctx.RequestServices!.GetRequiredService<PositionQueries>();
                return await queries.SceneAsync(west, south, east, north, ctx.GetArgument<DateTimeOffset>("at"),
                    TimeSpan.FromMinutes(lookback), limit, ctx.CancellationToken);
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<HourlyCountGraphType>>>>("reportCounts")
            .Description("Reports per hour, per object or per operator.")
            .Argument<NonNullGraphType<DateTimeOffsetGraphType>>("from")
            .Argument<NonNullGraphType<DateTimeOffsetGraphType>>("to")
            .Argument<BooleanGraphType>("byOperator", arg => arg.DefaultValue = false)
            .Argument<IntGraphType>("limit", arg => arg.DefaultValue = 10_000)
            .AuthorizeWithRoles(Roles.Operator, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var limit = ctx.GetArgument("limit", 10_000);
                if (limit is < 1 or > MaxTrackPoints)
                {
                    throw new ExecutionError($"'limit' must be between 1 and {MaxTrackPoints}.")
                        { Code = "BAD_ARGUMENT" };
                }

                var queries = ctx.RequestServices!.GetRequiredService<PositionQueries>();
                return await queries.HourlyCountsAsync(ctx.GetArgument<DateTimeOffset>("from"),
                    ctx.GetArgument<DateTimeOffset>("to"), ctx.GetArgument("byOperator", false), limit,
                    ctx.CancellationToken);
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConnectedShareGraphType>>>>("connectedShare")
            .Description(
                "Per operator, the share of its objects that reported in the last minutes (Beijing requires 95%).")
            .Argument<IntGraphType>("minutes", arg => arg.DefaultValue = 10)
            .AuthorizeWithRoles(Roles.Operator, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var minutes = ctx.GetArgument("minutes", 10);
                if (minutes is < 1 or > 24 * 60)
                {
                    throw new ExecutionError("'minutes' must be between 1 and 1440.") { Code = "BAD_ARGUMENT" };
                }

                var clock = ctx.RequestServices!.GetRequiredService<TimeProvider>();
                var queries = ctx.RequestServices!.GetRequiredService<PositionQueries>();
                return await queries.ConnectedSharesAsync(
                    clock.GetUtcNow().AddMinutes(-minutes), ctx.CancellationToken);
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
