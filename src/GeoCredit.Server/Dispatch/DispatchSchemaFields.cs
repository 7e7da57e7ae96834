using System.Security.Claims;
using GeoCredit.Core.Dispatch;
using GeoCredit.Server.Auth;
using GeoCredit.Server.GraphQL;
using GeoCredit.Storage.Dispatch;
using GraphQL;
using GraphQL.Types;

namespace GeoCredit.Server.Dispatch;

/// <summary>Alerts, work orders, deductions and appeals in the schema. A field user sees and acts on only their own
/// orders, a company user only their company's; anything else is refused with FORBIDDEN and no data.</summary>
public sealed class DispatchSchemaFields(DispatchService dispatch, DispatchStore store, TimeProvider clock)
    : ISchemaFields
{
    private static readonly string[] Everyone = [Roles.Operator, Roles.Admin, Roles.Field, Roles.Company, Roles.Lock];

    public void AddQueryFields(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AlertGraphType>>>>("alerts")
            .Description("Alerts, newest first.")
            .Argument<StringGraphType>("state", "Open, Acknowledged or Resolved.")
            .Argument<IntGraphType>("first", arg => arg.DefaultValue = 100)
            .AuthorizeWithRoles(Roles.Operator, Roles.Admin, Roles.Lock)
            .ResolveAsync(ctx => Guard(async () =>
                (object?)await store.AlertsAsync(ctx.GetArgument<string?>("state"), Page(ctx), ctx.CancellationToken)));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<WorkOrderGraphType>>>>("workOrders")
            .Description("Work orders the caller may see, newest first; page with 'before' (a creation time).")
            .Argument<StringGraphType>("state")
            .Argument<StringGraphType>("team")
            .Argument<StringGraphType>("company")
            .Argument<DateTimeOffsetGraphType>("before")
            .Argument<IntGraphType>("first", arg => arg.DefaultValue = 100)
            .AuthorizeWithRoles(Everyone)
            .ResolveAsync(ctx => Guard(async () => (object?)await dispatch.OrdersAsync(
                new WorkOrderQuery(ctx.GetArgument<string?>("state"), ctx.GetArgument<string?>("team"),
                    ctx.GetArgument<string?>("company"), null, ctx.GetArgument<DateTimeOffset?>("before"), Page(ctx)),
                User(ctx), ctx.CancellationToken)));

        query.Field<WorkOrderGraphType>("workOrder")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .AuthorizeWithRoles(Everyone)
            .ResolveAsync(ctx => Guard(async () =>
                (object?)(await dispatch.FindAsync(ctx.GetArgument<string>("id"), User(ctx), ctx.CancellationToken))
                    .ToRecord()));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<DeductionGraphType>>>>("deductions")
            .Description("Credit deductions from overdue orders; a company user sees its own company's.")
            .Argument<StringGraphType>("company")
            .AuthorizeWithRoles(Roles.Operator, Roles.Admin, Roles.Company)
            .ResolveAsync(ctx => Guard(async () =>
            {
                var user = User(ctx);
                var company = user.IsInRole(Roles.Company) && !user.IsInRole(Roles.Operator)
                    ? user.FindFirst(GeoCreditClaims.Company)?.Value ?? "-"
                    : ctx.GetArgument<string?>("company");
                return (object?)await store.DeductionsAsync(company, ctx.CancellationToken);
            }));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CompanyScoreGraphType>>>>("companyScores")
            .Description("Per company and month (China time): response rate, on-time rate, disposal pass rate.")
            .Argument<NonNullGraphType<IntGraphType>>("year")
            .Argument<NonNullGraphType<IntGraphType>>("month")
            .AuthorizeWithRoles(Roles.Operator, Roles.Admin, Roles.Company)
            .ResolveAsync(ctx => Guard(async () =>
            {
                var month = ScoringMonth.China(ctx.GetArgument<int>("year"), ctx.GetArgument<int>("month"));
                var records = await dispatch.OrdersAsync(new WorkOrderQuery(CreatedBefore: month.End, Limit: 100_000),
                    User(ctx), ctx.CancellationToken);
                return (object?)CompanyScorecard.Compute(records.Select(WorkOrder.Restore), month, clock.GetUtcNow());
            }));
    }

    public void AddMutationFields(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<AlertGraphType>>("acknowledgeAlert")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .AuthorizeWithRoles(Roles.Operator, Roles.Admin)
            .ResolveAsync(ctx => Guard(async () =>
                (object?)await dispatch.AcknowledgeAlertAsync(
                    ctx.GetArgument<string>("id"), User(ctx), ctx.CancellationToken)));

        mutation.Field<NonNullGraphType<AlertGraphType>>("resolveAlert")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<StringGraphType>("note")
            .AuthorizeWithRoles(Roles.Operator, Roles.Admin)
            .ResolveAsync(ctx => Guard(async () => (object?)await dispatch.ResolveAlertAsync(
                ctx.GetArgument<string>("id"), User(ctx), ctx.GetArgument<string?>("note"), ctx.CancellationToken)));

        mutation.Field<NonNullGraphType<WorkOrderGraphType>>("createWorkOrder")
            .Description(
                "Operators address a team or a company; field staff create an order for their own team where " +
                "they stand, with a note.")
            .Argument<NonNullGraphType<StringGraphType>>("title")
            .Argument<StringGraphType>("note")
            .Argument<StringGraphType>("team")
            .Argument<StringGraphType>("company")
            .Argument<NonNullGraphType<FloatGraphType>>("lon")
            .Argument<NonNullGraphType<FloatGraphType>>("lat")
            .Argument<StringGraphType>("zoneClass")
            .AuthorizeWithRoles(Roles.Operator, Roles.Admin, Roles.Field)
            .ResolveAsync(
                ctx => Guard(async () => (object?)await dispatch.CreateOrderAsync(Draft(ctx), ctx.CancellationToken)));

        AddCommand(mutation, "dispatchWorkOrder", OrderCommand.Dispatch, withAssignee: true);
        AddCommand(mutation, "acceptWorkOrder", OrderCommand.Accept);
        AddCommand(mutation, "arriveOnSite", OrderCommand.ArriveOnSite);
        AddCommand(mutation, "resolveWorkOrder", OrderCommand.Resolve);
        AddCommand(mutation, "verifyWorkOrder", OrderCommand.Verify);
        AddCommand(mutation, "rejectWorkOrder", OrderCommand.Reject);
        AddCommand(mutation, "sendBackWorkOrder", OrderCommand.SendBack);
        AddCommand(mutation, "cancelWorkOrder", OrderCommand.Cancel);

        mutation.Field<NonNullGraphType<AppealGraphType>>("fileAppeal")
            .Description("A company appeals a deduction within its 10-day window.")
            .Argument<NonNullGraphType<IdGraphType>>("deductionId")
            .Argument<NonNullGraphType<StringGraphType>>("grounds")
            .AuthorizeWithRoles(Roles.Company, Roles.Operator, Roles.Admin)
            .ResolveAsync(ctx => Guard(async () => (object?)await dispatch.FileAppealAsync(
                ctx.GetArgument<string>("deductionId"), ctx.GetArgument<string>("grounds"), User(ctx),
                ctx.CancellationToken)));

        mutation.Field<NonNullGraphType<AppealGraphType>>("decideAppeal")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<BooleanGraphType>>("uphold")
            .Argument<NonNullGraphType<StringGraphType>>("decision")
            .AuthorizeWithRoles(Roles.Operator, Roles.Admin)
            .ResolveAsync(ctx => Guard(async () => (object?)await dispatch.DecideAppealAsync(
                ctx.GetArgument<string>("id"), ctx.GetArgument<bool>("uphold"), ctx.GetArgument<string>("decision"),
                User(ctx), ctx.CancellationToken)));
    }

    private void AddCommand(ObjectGraphType mutation, string name, OrderCommand command, bool withAssignee = false)
    {
        var field = mutation.Field<NonNullGraphType<WorkOrderGraphType>>(name)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<StringGraphType>("note", "Required to resolve, reject or cancel.");
        if (withAssignee)
        {
            field.Argument<StringGraphType>("assignee");
        }

        field.AuthorizeWithRoles(Everyone)
            .ResolveAsync(
                ctx => Guard(async () => (object?)await dispatch.ActAsync(ctx.GetArgument<string>("id"), command,
                User(ctx), ctx.GetArgument<string?>("note"), withAssignee ? ctx.GetArgument<string?>("assignee") : null,
                ctx.CancellationToken)));
    }

    private WorkOrderDraft Draft(IResolveFieldContext ctx)
    {
        var user = User(ctx);
        var isField = user.IsInRole(Roles.Field) && !user.IsInRole(Roles.Operator) && !user.IsInRole(Roles.Admin);
        var team = isField ? user.FindFirst(GeoCreditClaims.Team)?.Value : ctx.GetArgument<string?>("team");
        var company = isField ? null : ctx.GetArgument<string?>("company");
        if ((team is null) == (company is null))
        {
            throw new ExecutionError("Address the order to exactly one team or one company.") { Code = "BAD_ARGUMENT" };
        }

        if (isField && string.IsNullOrWhiteSpace(ctx.GetArgument<string?>("note")))
        {
            throw new ExecutionError("An order from the street needs a note saying what was seen.")
                { Code = "BAD_ARGUMENT" };
        }

        var (lon, lat) = (ctx.GetArgument<double>("lon"), ctx.GetArgument<double>("lat"));
        if (lon is < -180 or > 180 || lat is < -90 or > 90)
        {
            throw new ExecutionError("lon and lat must be degrees (WGS 84).") { Code = "BAD_ARGUMENT" };
        }

        return new WorkOrderDraft
        {
            Id = $"wo-{Guid.NewGuid():N}"[..15],
            Title = ctx.GetArgument<string>("title"),
            Note = ctx.GetArgument<string?>("note"),
            Origin = isField ? WorkOrderOrigin.Field : WorkOrderOrigin.Operator,
            Addressee = team is not null ? Addressee.Team(team) : Addressee.Company(company!),
            Longitude = lon,
            Latitude = lat,
            ZoneClass = ctx.GetArgument<string?>("zoneClass"),
            CreatedBy = user.Identity!.Name!,
            CreatedAt = clock.GetUtcNow(),
        };
    }

    private static int Page(IResolveFieldContext ctx)
    {
        var first = ctx.GetArgument("first", 100);
        return first is >= 1 and <= 1000
            ? first
            : throw new ExecutionError("'first' must be between 1 and 1000.") { Code = "BAD_ARGUMENT" };
    }

    private static ClaimsPrincipal User(IResolveFieldContext ctx) => (ClaimsPrincipal)ctx.User!;

    /// <summary>Turns the domain's refusals into GraphQL errors with a code, and never into data.</summary>
    private static async Task<object?> Guard(Func<Task<object?>> resolve)
    {
        try
        {
            return await resolve();
        }
        catch (DispatchForbiddenException e)
        {
            throw new ExecutionError(e.Message) { Code = RoleAuthorizationRule.ForbiddenCode };
        }
        catch (KeyNotFoundException e)
        {
            throw new ExecutionError(e.Message) { Code = "NOT_FOUND" };
        }
        catch (InvalidOperationException e)
        {
            throw new ExecutionError(e.Message) { Code = "ILLEGAL_TRANSITION" };
        }
        catch (ArgumentException e)
        {
            throw new ExecutionError(e.Message) { Code = "BAD_ARGUMENT" };
        }
    }
}

public static class DispatchServiceCollectionExtensions
{
    public static IServiceCollection AddGeoCreditDispatch(
        this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(
            configuration.GetSection(DispatchOptions.Section).Get<DispatchOptions>() ?? new DispatchOptions());
        services.AddSingleton<AlertBook>();
        services.AddSingleton(sp => new WorkOrderBook(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(ClockPolicy.BikeParking);
        services.AddSingleton<DispatchStore>();
        services.AddSingleton<FieldStaff>();
        services.AddSingleton<DispatchService>();
        services.AddSingleton<GeoCredit.Server.Hosting.IDatabaseSeed>(sp => sp.GetRequiredService<DispatchService>());
        services.AddHostedService<OverdueService>();
        services.AddSingleton<ISchemaFields, DispatchSchemaFields>();
        return services;
    }
}
