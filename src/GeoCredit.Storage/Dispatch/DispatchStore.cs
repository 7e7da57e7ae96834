using System.Text.Json;
using GeoCredit.Core.Dispatch;
using Npgsql;
using NpgsqlTypes;

namespace GeoCredit.Storage.Dispatch;

/// <summary>An appeal as stored.</summary>
public sealed record AppealRecord(
    string Id,
    CreditDeduction Deduction,
    string FiledBy,
    DateTimeOffset FiledAt,
    string Grounds,
    AppealState State,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? Decision)
{
    public static AppealRecord From(Appeal appeal) => new(appeal.Id, appeal.Deduction, appeal.FiledBy, appeal.FiledAt,
        appeal.Grounds, appeal.State, appeal.DecidedBy, appeal.DecidedAt, appeal.Decision);

    public Appeal Restore() =>
        Appeal.Restore(Id, Deduction, FiledBy, FiledAt, Grounds, State, DecidedBy, DecidedAt, Decision);
}

/// <summary>A filter and page of work orders.</summary>
public sealed record WorkOrderQuery(
    string? State = null,
    string? Team = null,
    string? Company = null,
    string? Assignee = null,
    DateTimeOffset? CreatedBefore = null,
    int Limit = 100);

/// <summary>
/// Persists alerts, work orders, deductions and appeals: each write stores the whole current record, so the
/// database always holds what the server last knew, and a restart loads the open ones back. Thread-safe.
/// </summary>
public sealed class DispatchStore(NpgsqlDataSource dataSource)
{
    public async Task SaveAlertAsync(AlertRecord alert, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            insert into alerts (id, object_id, rule_id, zone_id, severity, state, raised_at, record)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            on conflict (id) do update set state = excluded.state, record = excluded.record
            """);
        Add(command, alert.Id, alert.ObjectId, alert.RuleId, alert.ZoneId, alert.Severity.ToString(),
            alert.State.ToString(),
            alert.RaisedAt);
        AddJson(command, alert);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AlertRecord>> AlertsAsync(
        string? state, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            select record from alerts where ($1::text is null or state = $1) order by raised_at desc, id limit $2
            """);
        Add(command, state, limit);
        return await ReadAsync<AlertRecord>(command, cancellationToken);
    }

    public Task<IReadOnlyList<AlertRecord>> OpenAlertsAsync(CancellationToken cancellationToken = default) =>
        ReadAllAsync<AlertRecord>("select record from alerts where state <> 'Resolved'", cancellationToken);

    public async Task SaveOrderAsync(WorkOrderRecord order, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            insert into work_orders (id, state, team, company, assignee, created_at, record)
            values ($1, $2, $3, $4, $5, $6, $7)
            on conflict (id) do update
            set state = excluded.state, assignee = excluded.assignee, record = excluded.record
            """);
        var team = order.Addressee.Kind == AddresseeKind.Team ? order.Addressee.Id : null;
        var company = order.Addressee.Kind == AddresseeKind.Company ? order.Addressee.Id : null;
        Add(command, order.Id, order.State.ToString(), team, company, order.Assignee, order.CreatedAt);
        AddJson(command, order);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<WorkOrderRecord>> OrdersAsync(
        WorkOrderQuery query, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            select record from work_orders
            where ($1::text is null or state = $1) and ($2::text is null or team = $2)
              and ($3::text is null or company = $3) and ($4::text is null or assignee = $4)
              and ($5::timestamptz is null or created_at < $5)
            order by created_at desc, id limit $6
            """);
        Add(command, query.State, query.Team, query.Company, query.Assignee, query.CreatedBefore, query.Limit);
        return await ReadAsync<WorkOrderRecord>(command, cancellationToken);
    }

    public async Task<WorkOrderRecord?> OrderAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("select record from work_orders where id = $1");
        Add(command, id);
        var found = await ReadAsync<WorkOrderRecord>(command, cancellationToken);
        return found.Count > 0 ? found[0] : null;
    }

    public Task<IReadOnlyList<WorkOrderRecord>> OpenOrdersAsync(CancellationToken cancellationToken = default) =>
        ReadAllAsync<WorkOrderRecord>(
            "select record from work_orders where state not in ('Verified', 'Cancelled')", cancellationToken);

    public async Task SaveDeductionAsync(CreditDeduction deduction, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            insert into credit_deductions (id, company, order_id, points, at, appeal_deadline, cancelled_at, record)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            on conflict (id) do update set cancelled_at = excluded.cancelled_at, record = excluded.record
            """);
        Add(command, deduction.Id, deduction.CompanyId, deduction.OrderId, deduction.Points, deduction.At,
            deduction.AppealDeadline, deduction.CancelledAt);
        AddJson(command, deduction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CreditDeduction>> DeductionsAsync(
        string? company, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "select record from credit_deductions where ($1::text is null or company = $1) order by at desc, id");
        Add(command, company);
        return await ReadAsync<CreditDeduction>(command, cancellationToken);
    }

    public async Task<CreditDeduction?> DeductionAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("select record from credit_deductions where id = $1");
        Add(command, id);
        var found = await ReadAsync<CreditDeduction>(command, cancellationToken);
        return found.Count > 0 ? found[0] : null;
    }

    /// <summary>Stores a new appeal; a second appeal against the same deduction is refused by the database.</summary>
    /// <returns>False when the deduction already has an appeal.</returns>
    public async Task<bool> InsertAppealAsync(AppealRecord appeal, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            insert into appeals (id, deduction_id, state, record) values ($1, $2, $3, $4) on conflict do nothing
            """);
        Add(command, appeal.Id, appeal.Deduction.Id, appeal.State.ToString());
        AddJson(command, appeal);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Stores the decision on an appeal already filed.</summary>
    public async Task UpdateAppealAsync(AppealRecord appeal, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("update appeals set state = $2, record = $3 where id = $1");
        Add(command, appeal.Id, appeal.State.ToString());
        AddJson(command, appeal);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<AppealRecord?> AppealAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("select record from appeals where id = $1");
        Add(command, id);
        var found = await ReadAsync<AppealRecord>(command, cancellationToken);
        return found.Count > 0 ? found[0] : null;
    }

    private async Task<IReadOnlyList<T>> ReadAllAsync<T>(string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        return await ReadAsync<T>(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<T>> ReadAsync<T>(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var records = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(JsonSerializer.Deserialize<T>(reader.GetString(0), RecordJson.Options)!);
        }

        return records;
    }

    private static void Add(NpgsqlCommand command, params object?[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(value is null
                ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Unknown }
                : new NpgsqlParameter { Value = value });
        }
    }

    private static void AddJson<T>(NpgsqlCommand command, T record) =>
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = JsonSerializer.Serialize(record, RecordJson.Options),
            NpgsqlDbType = NpgsqlDbType.Jsonb,
        });
}
