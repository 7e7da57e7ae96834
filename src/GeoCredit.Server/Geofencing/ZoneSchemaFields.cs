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
            .Resolve(ctx => ctx.RequestServices!.GetRequiredService<GeofencingService>().Tracker.CountIn(ctx.Source.Id));
    }
}

public sealed record ZoneUpsertOutcome(int Loaded, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);

public sealed class ZoneUpsertOutcomeGraphType : ObjectGraphType<ZoneUpsertOutcome>
{
    public ZoneUpsertOutcomeGraphType()
    {
        Name = "ZoneUpsertOutcome";
        Field(o => o.Loaded);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("warnings").Resolve(ctx => ctx.Source.Warnings);
    }
}

public sealed class ZoneSchemaFields(GeofencingService geofencing) : ISchemaFields
{
    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ZoneGraphType>>>>("zones")
            .Description("Every zone the engine holds.")
            .Argument<StringGraphType>("kind")
            .AuthorizeWithRoles(Roles.Operator, Roles.Admin, Roles.Lock, Roles.Field, Roles.Company)
            .Resolve(ctx =>
            {
                var zones = geofencing.Engine.Current.Zones;
                return ctx.GetArgument<string?>("kind") is { } kind ? zones.Where(z => z.Kind.ToWire() == kind) : zones;
            });

    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ZoneUpsertOutcomeGraphType>>("upsertZones")
            .Description("Adds or replaces zones from a GeoJSON FeatureCollection; applies at once, no restart. " +
                "Invalid geometry is repaired when safe (and said) or refused.")
            .Argument<NonNullGraphType<StringGraphType>>("geojson")
            .AuthorizeWithRoles(Roles.Admin)
            .Resolve(ctx =>
            {
                var result = geofencing.UpsertZones(ctx.GetArgument<string>("geojson"));
                return new ZoneUpsertOutcome(result.Zones.Count,
                    result.Errors.Select(e => $"feature {e.FeatureIndex}: {e.Message}").ToArray(),
                    result.Warnings.Select(w => $"feature {w.FeatureIndex} ({w.ZoneId}): {w.Message}").ToArray());
            });
}
