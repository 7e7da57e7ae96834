using GeoCredit.Core.Geofencing;
using GeoCredit.Server.Auth;
using GeoCredit.Server.GraphQL;
using GraphQL;
using GraphQL.Types;
using NetTopologySuite.IO;

namespace GeoCredit.Server.Geofencing;

public sealed class ZoneGraphType : ObjectGraphType<Zone>
{
    public ZoneGraphType()
    {
        Name = "Zone";
        Description = "A zone with its kind and attributes; the geometry as WKT (WGS 84).";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field(z => z.Name);
        Field<NonNullGraphType<StringGraphType>>("kind").Resolve(ctx => ctx.Source.Kind.ToWire());
        Field<StringGraphType>("ownerTeam").Resolve(ctx => ctx.Source.Attributes.OwnerTeam);
        Field<IntGraphType>("capacity").Resolve(ctx => ctx.Source.Attributes.Capacity);
        Field(z => z.Version);
        Field<NonNullGraphType<StringGraphType>>("wkt").Resolve(ctx => new WKTWriter().Write(ctx.Source.Geometry));
        Field<NonNullGraphType<IntGraphType>>("occupancy")
            .Description("Objects inside the zone now.")
            .Resolve(
                ctx => ctx.RequestServices!.GetRequiredService<GeofencingService>().Tracker.CountIn(ctx.Source.Id));
    }
}

public sealed class ZoneEventGraphType : ObjectGraphType<GeoCredit.Storage.Credit.StoredZoneEvent>
{
    public ZoneEventGraphType()
    {
        Name = "ZoneEvent";
        Description = "A zone transition: enter, exit or dwell, and what revealed it.";
        Field(e => e.ObjectId);
        Field(e => e.ZoneId);
        Field(e => e.Kind);
        Field(e => e.Cause);
        Field(e => e.Time);
        Field("lon", e => e.Longitude);
        Field("lat", e => e.Latitude);
    }
}

public sealed record ZoneUpsertOutcome(int Loaded, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);

public sealed class ZoneUpsertOutcomeGraphType : ObjectGraphType<ZoneUpsertOutcome>
{
    public ZoneUpsertOutcomeGraphType()
    {
        Name = "ZoneUpsertOutcome";
        Field(o => o.Loaded);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("errors")
            .Resolve(ctx => ctx.Source.Errors);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("warnings")
            .Resolve(ctx => ctx.Source.Warnings);
    }
}

public sealed class ZoneSchemaFields(GeofencingService geofencing, GeoCredit.Storage.Credit.ZoneChangeStore changes)
    : ISchemaFields
{
    public void AddQueryFields(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ZoneEventGraphType>>>>("zoneEvents")
            .Description("An object's zone transitions over a time range, oldest first.")
            .Argument<NonNullGraphType<IdGraphType>>("objectId")
            .Argument<NonNullGraphType<DateTimeOffsetGraphType>>("from")
            .Argument<NonNullGraphType<DateTimeOffsetGraphType>>("to")
            .AuthorizeWithRoles(Roles.Operator, Roles.Admin, Roles.Lock)
            .ResolveAsync(
                async ctx => await ctx.RequestServices!.GetRequiredService<GeoCredit.Storage.Credit.ZoneEventStore>()
                .ForObjectAsync(ctx.GetArgument<string>("objectId"), ctx.GetArgument<DateTimeOffset>("from"),
                    ctx.GetArgument<DateTimeOffset>("to"), 10_000, ctx.CancellationToken));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ZoneGraphType>>>>("zones")
            .Description("Every zone the engine holds.")
            .Argument<StringGraphType>("kind")
            .AuthorizeWithRoles(Roles.Operator, Roles.Admin, Roles.Lock, Roles.Field, Roles.Company)
            .Resolve(ctx =>
            {
                var zones = geofencing.Engine.Current.Zones;
                return ctx.GetArgument<string?>("kind") is { } kind ? zones.Where(z => z.Kind.ToWire() == kind) : zones;
            });
    }

    public void AddMutationFields(ObjectGraphType mutation)
    {
        AddRemoval(mutation, geofencing, changes);
        mutation.Field<NonNullGraphType<ZoneUpsertOutcomeGraphType>>("upsertZones")
            .Description("Adds or replaces zones from a GeoJSON FeatureCollection; applies at once, no restart. " +
                "Invalid geometry is repaired when safe (and said) or refused.")
            .Argument<NonNullGraphType<StringGraphType>>("geojson")
            .AuthorizeWithRoles(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var geoJson = ctx.GetArgument<string>("geojson");
                var result = geofencing.UpsertZones(geoJson);
                if (result.Zones.Count > 0)
                {
                    await changes.AppendAsync(geoJson, ctx.User!.Identity!.Name!, ctx.CancellationToken);
                }

                return new ZoneUpsertOutcome(result.Zones.Count,
                    result.Errors.Select(e => $"feature {e.FeatureIndex}: {e.Message}").ToArray(),
                    result.Warnings.Select(w => $"feature {w.FeatureIndex} ({w.ZoneId}): {w.Message}").ToArray());
            });
    }

    private static void AddRemoval(ObjectGraphType mutation, GeofencingService geofencing,
        GeoCredit.Storage.Credit.ZoneChangeStore changes) =>
        mutation.Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("removeZones")
            .Description("Removes zones at once; returns the ids that named a zone. Objects inside get an exit.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids")
            .AuthorizeWithRoles(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var removed = geofencing.RemoveZones(ctx.GetArgument<List<string>>("ids"));
                if (removed.Count > 0)
                {
                    await changes.AppendRemovalAsync(removed, ctx.User!.Identity!.Name!, ctx.CancellationToken);
                }

                return removed;
            });

    /// <summary>Replays the stored zone changes over the zone files at start.</summary>
    internal sealed class Seed(GeofencingService geofencing, GeoCredit.Storage.Credit.ZoneChangeStore changes)
        : GeoCredit.Server.Hosting.IDatabaseSeed
    {
        public async Task SeedAsync(CancellationToken cancellationToken)
        {
            geofencing.EnsureLoaded();
            foreach (var change in await changes.AllAsync(cancellationToken))
            {
                if (change.GeoJson is { } document)
                {
                    geofencing.UpsertZones(document);
                }

                geofencing.RemoveZones(change.RemovedIds);
            }
        }
    }
}
