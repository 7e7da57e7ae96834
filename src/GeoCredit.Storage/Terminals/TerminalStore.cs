using Npgsql;

namespace GeoCredit.Storage.Terminals;

/// <summary>A JT/T 808 terminal the platform accepts, and the vehicle it reports for.</summary>
/// <param name="Terminal">The terminal phone number, digits without leading zeros.</param>
/// <param name="ObjectId">The tracked object (vehicle) its positions belong to.</param>
/// <param name="Plate">The vehicle's plate, when known.</param>
/// <param name="OperatorId">The carrier that operates the vehicle, when known.</param>
public sealed record RegisteredTerminal(string Terminal, string ObjectId, string? Plate, string? OperatorId);

/// <summary>Reads and writes the accepted JT/T 808 terminals. Thread-safe.</summary>
public sealed class TerminalStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<RegisteredTerminal>> AllAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "select terminal, object_id, plate, operator_id from jt808_terminals order by terminal");
        var terminals = new List<RegisteredTerminal>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            terminals.Add(new RegisteredTerminal(reader.GetString(0), reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return terminals;
    }

    /// <summary>Adds a terminal, or updates the vehicle of one already known.</summary>
    public async Task UpsertAsync(RegisteredTerminal terminal, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            insert into jt808_terminals (terminal, object_id, plate, operator_id) values ($1, $2, $3, $4)
            on conflict (terminal) do update set object_id = excluded.object_id, plate = excluded.plate,
                operator_id = excluded.operator_id
            """);
        command.Parameters.Add(new() { Value = terminal.Terminal });
        command.Parameters.Add(new() { Value = terminal.ObjectId });
        command.Parameters.Add(new() { Value = (object?)terminal.Plate ?? DBNull.Value });
        command.Parameters.Add(new() { Value = (object?)terminal.OperatorId ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
