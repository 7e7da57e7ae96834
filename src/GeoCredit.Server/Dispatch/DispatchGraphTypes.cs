using GeoCredit.Core.Dispatch;
using GeoCredit.Storage.Dispatch;
using GraphQL.Types;

namespace GeoCredit.Server.Dispatch;

public sealed class AlertGraphType : ObjectGraphType<AlertRecord>
{
    public AlertGraphType()
    {
        Name = "Alert";
        Description = "A rule firing for an object at a time and place; at most one open per object, rule and zone.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field(a => a.RuleId);
        Field(a => a.ObjectId);
        Field(a => a.ZoneId, nullable: true);
        Field<NonNullGraphType<StringGraphType>>("severity").Resolve(ctx => ctx.Source.Severity.ToString());
        Field<NonNullGraphType<StringGraphType>>("state").Resolve(ctx => ctx.Source.State.ToString());
        Field(a => a.RaisedAt);
        Field(a => a.Repeats).Description("How often it fired again while open.");
        Field(a => a.AcknowledgedBy, nullable: true);
        Field(a => a.ResolvedBy, nullable: true);
        Field<NonNullGraphType<StringGraphType>>("message").Resolve(ctx => ctx.Source.Evidence.Message);
        Field<NonNullGraphType<FloatGraphType>>("lon").Resolve(ctx => ctx.Source.Evidence.Longitude);
        Field<NonNullGraphType<FloatGraphType>>("lat").Resolve(ctx => ctx.Source.Evidence.Latitude);
        Field<StringGraphType>("gradeThen").Description("The grade that held when it was raised.")
            .Resolve(ctx => ctx.Source.Evidence.Grade is { } g ? $"{g.Scheme}:{g.Level}" : null);
    }
}

public sealed class WorkOrderEventGraphType : ObjectGraphType<WorkOrderEvent>
{
    public WorkOrderEventGraphType()
    {
        Name = "WorkOrderEvent";
        Field<NonNullGraphType<StringGraphType>>("from").Resolve(ctx => ctx.Source.From.ToString());
        Field<NonNullGraphType<StringGraphType>>("to").Resolve(ctx => ctx.Source.To.ToString());
        Field(e => e.By);
        Field(e => e.At);
        Field(e => e.Note, nullable: true);
        Field(e => e.Assignee, nullable: true);
    }
}

public sealed class WorkOrderGraphType : ObjectGraphType<WorkOrderRecord>
{
    public WorkOrderGraphType()
    {
        Name = "WorkOrder";
        Description = "A task for a team or a company, with a response clock and a resolve clock.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field(o => o.Title);
        Field(o => o.Note, nullable: true);
        Field<NonNullGraphType<StringGraphType>>("state").Resolve(ctx => ctx.Source.State.ToString());
        Field<NonNullGraphType<StringGraphType>>("origin").Resolve(ctx => ctx.Source.Origin.ToString());
        Field<StringGraphType>("team").Resolve(ctx =>
            ctx.Source.Addressee.Kind == AddresseeKind.Team ? ctx.Source.Addressee.Id : null);
        Field<StringGraphType>("company").Resolve(ctx =>
            ctx.Source.Addressee.Kind == AddresseeKind.Company ? ctx.Source.Addressee.Id : null);
        Field(o => o.Assignee, nullable: true);
        Field(o => o.AlertId, nullable: true);
        Field("lon", o => o.Longitude);
        Field("lat", o => o.Latitude);
        Field(o => o.CreatedBy);
        Field(o => o.CreatedAt);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("responseDeadline")
            .Resolve(ctx => ctx.Source.Clock.ResponseDeadline);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("resolveDeadline")
            .Resolve(ctx => ctx.Source.Clock.ResolveDeadline);
        Field<NonNullGraphType<BooleanGraphType>>("overdue")
            .Resolve(
                ctx => ctx.Source.ResponseOverdueNotedAt is not null || ctx.Source.ResolveOverdueNotedAt is not null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WorkOrderEventGraphType>>>>("history")
            .Resolve(ctx => ctx.Source.History);
    }
}

public sealed class DeductionGraphType : ObjectGraphType<CreditDeduction>
{
    public DeductionGraphType()
    {
        Name = "CreditDeduction";
        Description = "Points a company loses for an order left overdue; appealable for 10 days.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field(d => d.CompanyId);
        Field(d => d.OrderId);
        Field<NonNullGraphType<StringGraphType>>("clock").Resolve(ctx => ctx.Source.Clock.ToString());
        Field(d => d.Points);
        Field(d => d.Reason);
        Field(d => d.At);
        Field(d => d.AppealDeadline);
        Field(d => d.CancelledAt, nullable: true);
    }
}

public sealed class AppealGraphType : ObjectGraphType<AppealRecord>
{
    public AppealGraphType()
    {
        Name = "Appeal";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<DeductionGraphType>>("deduction").Resolve(ctx => ctx.Source.Deduction);
        Field(a => a.FiledBy);
        Field(a => a.FiledAt);
        Field(a => a.Grounds);
        Field<NonNullGraphType<StringGraphType>>("state").Resolve(ctx => ctx.Source.State.ToString());
        Field(a => a.DecidedBy, nullable: true);
        Field(a => a.Decision, nullable: true);
    }
}

public sealed class CompanyScoreGraphType : ObjectGraphType<CompanyMonthScore>
{
    public CompanyScoreGraphType()
    {
        Name = "CompanyMonthScore";
        Description = "A company's month: response rate, on-time rate, disposal pass rate (verified / checked).";
        Field(s => s.CompanyId);
        Field<NonNullGraphType<IntGraphType>>("year").Resolve(ctx => ctx.Source.Month.Year);
        Field<NonNullGraphType<IntGraphType>>("month").Resolve(ctx => ctx.Source.Month.Month);
        Field<FloatGraphType>("responseRate").Resolve(ctx => Rate(ctx.Source.Response));
        Field<FloatGraphType>("onTimeRate").Resolve(ctx => Rate(ctx.Source.OnTime));
        Field<FloatGraphType>("disposalPassRate").Resolve(ctx => Rate(ctx.Source.DisposalPass));
        Field<NonNullGraphType<IntGraphType>>("orders").Resolve(ctx => ctx.Source.Response.Of);
    }

    private static double? Rate(Ratio ratio) => ratio.Value;
}
