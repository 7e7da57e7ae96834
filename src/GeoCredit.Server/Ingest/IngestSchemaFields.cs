using GeoCredit.Core.Ingest;
using GeoCredit.Core.Tracking;
using GeoCredit.Server.Auth;
using GeoCredit.Server.GraphQL;
using GeoCredit.Server.Tracking;
using GraphQL;
using GraphQL.Types;

namespace GeoCredit.Server.Ingest;

public sealed class RejectionCountGraphType : ObjectGraphType<RejectionCount>
{
    public RejectionCountGraphType()
    {
        Name = "RejectionCount";
        Field<NonNullGraphType<PositionSourceGraphType>>("source").Resolve(ctx => ctx.Source.Source);
        Field(c => c.Reason).Description("The reason code, such as latitude_out_of_range.");
        Field(c => c.Count);
    }
}

public sealed class RejectedSampleGraphType : ObjectGraphType<RejectedSample>
{
    public RejectedSampleGraphType()
    {
        Name = "RejectedSample";
        Field(s => s.At);
        Field<NonNullGraphType<PositionSourceGraphType>>("source").Resolve(ctx => ctx.Source.Source);
        Field(s => s.Reason);
        Field(s => s.Message);
        Field(s => s.Input).Description("The refused input as received, cut at 512 characters.");
    }
}

public sealed record SourceCount(PositionSource Source, long Accepted);

public sealed class SourceCountGraphType : ObjectGraphType<SourceCount>
{
    public SourceCountGraphType()
    {
        Name = "SourceCount";
        Field<NonNullGraphType<PositionSourceGraphType>>("source").Resolve(ctx => ctx.Source.Source);
        Field(c => c.Accepted).Description("Positions stored since the server started.");
    }
}

public sealed class IngestStatsGraphType : ObjectGraphType<IngestStatistics>
{
    public IngestStatsGraphType()
    {
        Name = "IngestStats";
        Description = "What the feeds sent since the server started: accepted, refused by reason, recent refusals.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SourceCountGraphType>>>>("accepted")
            .Resolve(ctx => Enum.GetValues<PositionSource>().Select(s => new SourceCount(s, ctx.Source.Accepted(s))));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RejectionCountGraphType>>>>("rejections")
            .Resolve(ctx => ctx.Source.Rejections());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RejectedSampleGraphType>>>>("samples")
            .Description("The most recent refused inputs, newest first.")
            .Resolve(ctx => ctx.Source.Samples());
    }
}

public sealed class IngestSchemaFields(IngestStatistics statistics) : ISchemaFields
{
    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<IngestStatsGraphType>>("ingestStats")
            .Description("Counts of accepted and refused input per feed, for operators.")
            .AuthorizeWithRoles(Roles.Operator, Roles.Admin)
            .Resolve(_ => statistics);
}
