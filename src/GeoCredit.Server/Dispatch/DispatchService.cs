using System.Security.Claims;
using GeoCredit.Core.Dispatch;
using GeoCredit.Server.Auth;
using GeoCredit.Server.Hosting;
using GeoCredit.Server.Live;
using GeoCredit.Storage.Dispatch;

namespace GeoCredit.Server.Dispatch;

/// <summary>A user asked for an order or alert they may not see or change.</summary>
public sealed class DispatchForbiddenException(string message) : Exception(message);

/// <summary>What a user wants done to a work order.</summary>
public enum OrderCommand
{
    Dispatch,
    Accept,
    ArriveOnSite,
    Resolve,
    Verify,
    Reject,
    SendBack,
    Cancel,
}

/// <summary>Settings under <c>GeoCredit:Dispatch</c>.</summary>
public sealed class DispatchOptions
{
    public const string Section = "GeoCredit:Dispatch";

    /// <summary>How often the clocks of open orders are checked.</summary>
    public TimeSpan OverdueScanInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A member's position older than this is not used to offer them an order.</summary>
    public TimeSpan MemberPositionMaxAge { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Alerts and work orders as people meet them: who may see and do what, every change stored and sent live to
/// the groups concerned. The domain books hold the open ones in memory; the store holds everything.
/// Thread-safe.
/// </summary>
public sealed partial class DispatchService(
    AlertBook alerts,
    WorkOrderBook orders,
    ClockPolicy clocks,
    DispatchStore store,
    FieldStaff staff,
    LiveFeed live,
    DispatchOptions options,
    TimeProvider clock,
    ILogger<DispatchService> logger) : IDatabaseSeed
{
    public const string AlertMessage = "alert";
    public const string WorkOrderMessage = "workOrder";
    public const string EscalationMessage = "escalation";
    public const string DeductionMessage = "deduction";

    // The open orders raised about each object (through their alerts), so that proof of the work in an object's
    // positions finds its orders without a scan of every open order.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> _ordersByObject =
        new(StringComparer.Ordinal);

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        alerts.Load((await store.OpenAlertsAsync(cancellationToken)).Select(Alert.Restore));
        var open = (await store.OpenOrdersAsync(cancellationToken)).Select(WorkOrder.Restore).ToArray();
        orders.Load(open);
        foreach (var order in open)
        {
            IndexByObject(order);
        }
    }

    private void IndexByObject(WorkOrder order)
    {
        if (order.AlertId is { } alertId && alerts.TryGet(alertId, out var alert))
        {
            _ordersByObject.AddOrUpdate(alert.ObjectId, [order.Id], (_, ids) => [.. ids, order.Id]);
        }
    }

    /// <summary>Raises an alert, or counts a repeat of the one already open for that object, rule and zone.</summary>
    public async Task<AlertRaise> RaiseAlertAsync(Alert candidate, CancellationToken cancellationToken = default)
    {
        var raise = alerts.Raise(candidate);
        await store.SaveAlertAsync(raise.Alert.ToRecord(), cancellationToken);
        if (raise.Opened)
        {
            LogAlert(logger, raise.Alert.Id, raise.Alert.RuleId, raise.Alert.ObjectId, raise.Alert.Severity);
            await live.PublishAsync(AlertMessage, raise.Alert.ToRecord(), AlertGroups, cancellationToken);
        }

        return raise;
    }

    public async Task<AlertRecord> AcknowledgeAlertAsync(
        string id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        RequireOperator(user);
        var alert = alerts.Acknowledge(id, user.Identity!.Name!, clock.GetUtcNow());
        return await SaveAndPublishAsync(alert, cancellationToken);
    }

    public async Task<AlertRecord> ResolveAlertAsync(
        string id, ClaimsPrincipal user, string? note, CancellationToken cancellationToken)
    {
        RequireOperator(user);
        var alert = alerts.Resolve(id, user.Identity!.Name!, clock.GetUtcNow(), note);
        return await SaveAndPublishAsync(alert, cancellationToken);
    }

    /// <summary>Creates an order; one for a team with no assignee is offered to its nearest available member.</summary>
    public async Task<WorkOrderRecord> CreateOrderAsync(
        WorkOrderDraft draft, CancellationToken cancellationToken = default)
    {
        var order = WorkOrder.Create(draft, clocks.For(draft.RuleId, draft.ZoneClass));
        var now = clock.GetUtcNow();
        if (draft.Assignee is not null)
        {
            order.Dispatch(WorkOrder.SystemActor, now, draft.Assignee);
        }
        else if (draft.Addressee.Kind == AddresseeKind.Team &&
            NearestMember.Find(staff.Team(draft.Addressee.Id), draft.Longitude, draft.Latitude, now,
                options.MemberPositionMaxAge) is { } nearest)
        {
            order.Dispatch(WorkOrder.SystemActor, now, nearest.UserId,
                $"Offered to the nearest available member, {nearest.DistanceM:0} m away.");
        }
        else if (draft.Addressee.Kind == AddresseeKind.Company)
        {
            order.Dispatch(WorkOrder.SystemActor, now);
        }

        orders.Add(order);
        IndexByObject(order);
        LogOrder(logger, order.Id, order.Addressee, order.Assignee ?? "nobody");
        return await SaveAndPublishAsync(order, cancellationToken);
    }

    /// <summary>
    /// Verifies, without a person, the resolved orders about an object whose positions now prove the work was
    /// done (a bike in a permitted zone). An order that was not resolved yet waits for its resolution.
    /// </summary>
    public async Task<int> VerifyAutomaticallyAsync(string objectId, string check, CancellationToken cancellationToken)
    {
        var verified = 0;
        if (!_ordersByObject.TryGetValue(objectId, out var ids))
        {
            return 0;
        }

        foreach (var id in ids)
        {
            if (!orders.TryGet(id, out var order) || order.State != WorkOrderState.Resolved)
            {
                continue;
            }

            if (order.TryVerifyAutomatically(check, _ => true, clock.GetUtcNow()))
            {
                await SaveAndPublishAsync(order, cancellationToken);
                verified++;
            }
        }

        // Orders that reached a final state need no proof any more.
        _ordersByObject.AddOrUpdate(objectId, [],
            (_, current) => current.Where(i => orders.TryGet(i, out var o) && !o.IsFinal).ToArray());

        return verified;
    }

    /// <summary>Moves an order for a user, after checking that the user may make that move on that order.</summary>
    public async Task<WorkOrderRecord> ActAsync(
        string id, OrderCommand command, ClaimsPrincipal user, string? note, string? assignee,
        CancellationToken cancellationToken)
    {
        var order = await FindAsync(id, user, cancellationToken);
        Authorize(order, command, user);

        var by = user.Identity!.Name!;
        var now = clock.GetUtcNow();
        _ = command switch
        {
            OrderCommand.Dispatch => order.Dispatch(by, now, assignee, note),
            OrderCommand.Accept => order.Accept(by, now, note),
            OrderCommand.ArriveOnSite => order.ArriveOnSite(by, now, note),
            OrderCommand.Resolve => order.Resolve(by, now, note ?? ""),
            OrderCommand.Verify => order.Verify(by, now, note),
            OrderCommand.Reject => order.Reject(by, now, note ?? ""),
            OrderCommand.SendBack => order.SendBack(by, now, note),
            _ => order.Cancel(by, now, note ?? ""),
        };

        return await SaveAndPublishAsync(order, cancellationToken);
    }

    /// <summary>The order, if the user may see it; refused (never returned) otherwise.</summary>
    public async Task<WorkOrder> FindAsync(string id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!orders.TryGet(id, out var order))
        {
            var stored = await store.OrderAsync(id, cancellationToken)
                ?? throw new KeyNotFoundException($"There is no work order {id}.");
            order = WorkOrder.Restore(stored);
        }

        if (!MaySee(order.ToRecord(), user))
        {
            throw new DispatchForbiddenException($"Work order {id} is not yours to see.");
        }

        return order;
    }

    /// <summary>The orders a user may see, newest first: a field member their own, a company user their
    /// company's, operators and administrators all.</summary>
    public Task<IReadOnlyList<WorkOrderRecord>> OrdersAsync(
        WorkOrderQuery query, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (IsOperator(user))
        {
            return store.OrdersAsync(query, cancellationToken);
        }

        if (user.IsInRole(Roles.Company))
        {
            return store.OrdersAsync(query with { Company = CompanyOf(user), Team = null }, cancellationToken);
        }

        if (user.IsInRole(Roles.Field))
        {
            return store.OrdersAsync(query with { Assignee = user.Identity!.Name }, cancellationToken);
        }

        throw new DispatchForbiddenException("Work orders are for operators, field staff and companies.");
    }

    /// <summary>Checks every open order's clocks: escalates what ran out and deducts from the companies
    /// responsible.</summary>
    public async Task<OverdueScan> ScanOverdueAsync(CancellationToken cancellationToken)
    {
        var scan = orders.ScanOverdue(clock.GetUtcNow());
        foreach (var escalation in scan.Escalations)
        {
            LogOverdue(logger, escalation.OrderId, escalation.Clock, escalation.EscalateTo);
            await live.PublishAsync(EscalationMessage, escalation, GroupsOf(escalation.Addressee, escalation.Assignee),
                cancellationToken);
        }

        foreach (var deduction in scan.Deductions)
        {
            await store.SaveDeductionAsync(deduction, cancellationToken);
            await live.PublishAsync(DeductionMessage, deduction,
                [LiveGroups.Role(Roles.Operator), LiveGroups.Role(Roles.Admin),
                    LiveGroups.Company(deduction.CompanyId)],
                cancellationToken);
        }

        foreach (var orderId in scan.Escalations.Select(e => e.OrderId).Concat(scan.Deductions.Select(d => d.OrderId))
            .Distinct())
        {
            if (orders.TryGet(orderId, out var order))
            {
                await store.SaveOrderAsync(order.ToRecord(), cancellationToken);
            }
        }

        return scan;
    }

    public async Task<AppealRecord> FileAppealAsync(
        string deductionId, string grounds, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var deduction = await store.DeductionAsync(deductionId, cancellationToken)
            ?? throw new KeyNotFoundException($"There is no deduction {deductionId}.");
        if (!IsOperator(user) && CompanyOf(user) != deduction.CompanyId)
        {
            throw new DispatchForbiddenException($"Deduction {deductionId} is not your company's.");
        }

        var appeal = Appeal.File($"appeal-{deductionId}", deduction, user.Identity!.Name!, clock.GetUtcNow(), grounds);
        var record = AppealRecord.From(appeal);
        if (!await store.InsertAppealAsync(record, cancellationToken))
        {
            throw new InvalidOperationException($"Deduction {deductionId} already has an appeal.");
        }

        return record;
    }

    public async Task<AppealRecord> DecideAppealAsync(
        string appealId, bool uphold, string decision, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        RequireOperator(user);
        var stored = await store.AppealAsync(appealId, cancellationToken)
            ?? throw new KeyNotFoundException($"There is no appeal {appealId}.");
        var appeal = stored.Restore();
        var now = clock.GetUtcNow();
        if (uphold)
        {
            appeal.Uphold(user.Identity!.Name!, now, decision);
            await store.SaveDeductionAsync(appeal.Deduction, cancellationToken);
        }
        else
        {
            appeal.Dismiss(user.Identity!.Name!, now, decision);
        }

        var record = AppealRecord.From(appeal);
        await store.UpdateAppealAsync(record, cancellationToken);
        return record;
    }

    public static bool MaySee(WorkOrderRecord order, ClaimsPrincipal user) =>
        IsOperator(user) ||
        (user.IsInRole(Roles.Company) && order.Addressee.Kind == AddresseeKind.Company &&
            order.Addressee.Id == CompanyOf(user)) ||
        (user.IsInRole(Roles.Field)
            && (order.Assignee == user.Identity?.Name || order.CreatedBy == user.Identity?.Name));

    private static void Authorize(WorkOrder order, OrderCommand command, ClaimsPrincipal user)
    {
        if (IsOperator(user))
        {
            return;
        }

        var name = user.Identity!.Name;
        var mayWork = (user.IsInRole(Roles.Field) && order.Assignee == name) ||
            (user.IsInRole(Roles.Company) && order.Addressee.Kind == AddresseeKind.Company
                && order.Addressee.Id == CompanyOf(user));
        var allowed = command switch
        {
            OrderCommand.Accept or OrderCommand.ArriveOnSite or OrderCommand.Resolve => mayWork,
            OrderCommand.Verify or OrderCommand.Reject or OrderCommand.Cancel => order.CreatedBy == name,
            _ => false,
        };
        if (!allowed)
        {
            throw new DispatchForbiddenException($"You may not {command} work order {order.Id}.");
        }
    }

    private static bool IsOperator(ClaimsPrincipal user) => user.IsInRole(Roles.Operator) || user.IsInRole(Roles.Admin);

    private static string? CompanyOf(ClaimsPrincipal user) => user.FindFirst(GeoCreditClaims.Company)?.Value;

    private static void RequireOperator(ClaimsPrincipal user)
    {
        if (!IsOperator(user))
        {
            throw new DispatchForbiddenException("Only operators act on alerts.");
        }
    }

    private static readonly string[] AlertGroups = [LiveGroups.Role(Roles.Operator), LiveGroups.Role(Roles.Admin)];

    private static string[] GroupsOf(Addressee addressee, string? assignee)
    {
        var groups = new List<string>
        {
            LiveGroups.Role(Roles.Operator),
            LiveGroups.Role(Roles.Admin),
            addressee.Kind == AddresseeKind.Team ? LiveGroups.Team(addressee.Id) : LiveGroups.Company(addressee.Id),
        };
        if (assignee is not null)
        {
            groups.Add(LiveGroups.User(assignee));
        }

        return [.. groups];
    }

    private async Task<AlertRecord> SaveAndPublishAsync(Alert alert, CancellationToken cancellationToken)
    {
        var record = alert.ToRecord();
        await store.SaveAlertAsync(record, cancellationToken);
        await live.PublishAsync(AlertMessage, record, AlertGroups, cancellationToken);
        return record;
    }

    private async Task<WorkOrderRecord> SaveAndPublishAsync(WorkOrder order, CancellationToken cancellationToken)
    {
        var record = order.ToRecord();
        await store.SaveOrderAsync(record, cancellationToken);
        var groups = GroupsOf(record.Addressee, record.Assignee).Append(LiveGroups.User(record.CreatedBy)).Distinct()
            .ToArray();
        await live.PublishAsync(WorkOrderMessage, record, groups, cancellationToken);
        return record;
    }

    [LoggerMessage(EventId = 900, Level = LogLevel.Information,
        Message = "Alert {AlertId} raised: rule {RuleId} for {ObjectId} ({Severity})")]
    private static partial void LogAlert(
        ILogger logger, string alertId, string ruleId, string objectId, AlertSeverity severity);

    [LoggerMessage(EventId = 901, Level = LogLevel.Information,
        Message = "Work order {OrderId} created for {Addressee}, assigned to {Assignee}")]
    private static partial void LogOrder(ILogger logger, string orderId, Addressee addressee, string assignee);

    [LoggerMessage(EventId = 902, Level = LogLevel.Warning,
        Message = "Work order {OrderId} overdue ({Clock} clock): escalated to {EscalateTo}")]
    private static partial void LogOverdue(ILogger logger, string orderId, ClockKind clock, EscalationRole escalateTo);
}

/// <summary>Checks the clocks of open orders on a schedule, once the schema is ready.</summary>
internal sealed partial class OverdueService(
    DispatchService dispatch,
    DispatchOptions options,
    SchemaState schema,
    TimeProvider clock,
    ILogger<OverdueService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.OverdueScanInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!schema.Ready)
            {
                continue;
            }

            try
            {
                await dispatch.ScanOverdueAsync(stoppingToken);
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
            {
                // The clocks are stored deadlines: the next scan finds what this one could not record.
                LogScanFailed(logger, e.Message);
            }
        }
    }

    [LoggerMessage(EventId = 903, Level = LogLevel.Warning, Message = "Overdue scan postponed: {Reason}")]
    private static partial void LogScanFailed(ILogger logger, string reason);
}
