using System.Text.Json;
using GeoCredit.Core.Voyages;
using Npgsql;
using NpgsqlTypes;

namespace GeoCredit.Storage.Dispatch;

/// <summary>Keeps voyage plans; all of them are loaded at start. Thread-safe.</summary>
public sealed class VoyagePlanStore(NpgsqlDataSource dataSource)
{
    public async Task SaveAsync(VoyagePlan plan, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            insert into voyage_plans (id, yacht_id, departure, arrival, state, record) values ($1, $2, $3, $4, $5, $6)
            on conflict (id) do update set state = excluded.state, record = excluded.record
            """);
        command.Parameters.Add(new() { Value = plan.Id });
        command.Parameters.Add(new() { Value = plan.YachtId });
        command.Parameters.Add(new() { Value = plan.Departure.ToUniversalTime() });
        command.Parameters.Add(new() { Value = plan.Arrival.ToUniversalTime() });
        command.Parameters.Add(new() { Value = plan.State.ToString() });
        command.Parameters.Add(
            new() { Value = JsonSerializer.Serialize(plan, RecordJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<VoyagePlan>> AllAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("select record from voyage_plans order by departure");
        var plans = new List<VoyagePlan>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            plans.Add(JsonSerializer.Deserialize<VoyagePlan>(reader.GetString(0), RecordJson.Options)!);
        }

        return plans;
    }
}
