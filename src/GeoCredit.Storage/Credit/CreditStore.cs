using GeoCredit.Core.Credit;
using Npgsql;

namespace GeoCredit.Storage.Credit;

/// <summary>A grade as it was set (or cleared, with no level), in the order it was set.</summary>
public sealed record StoredAssignment(SubjectRef Subject, string SchemeId, string? Level, DateTimeOffset ValidFrom,
    string Source, string Reason);

/// <summary>A link as it was made (or ended, with no target).</summary>
public sealed record StoredLink(
    SubjectRef Subject, LinkKind Kind, SubjectRef? Target, DateTimeOffset At, string Source);

/// <summary>
/// Keeps every grade assignment and link change, append-only; replayed in order at start. Thread-safe.
/// </summary>
public sealed class CreditStore(NpgsqlDataSource dataSource)
{
    public async Task AppendAsync(StoredAssignment assignment, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            insert into grade_assignments (subject_kind, subject_id, scheme, level, valid_from, source, reason)
            values ($1, $2, $3, $4, $5, $6, $7)
            """);
        command.Parameters.Add(new() { Value = assignment.Subject.Kind.ToWire() });
        command.Parameters.Add(new() { Value = assignment.Subject.Id });
        command.Parameters.Add(new() { Value = assignment.SchemeId });
        command.Parameters.Add(
            new() { Value = (object?)assignment.Level ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = assignment.ValidFrom.ToUniversalTime() });
        command.Parameters.Add(new() { Value = assignment.Source });
        command.Parameters.Add(new() { Value = assignment.Reason });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task AppendAsync(StoredLink link, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            insert into subject_links (subject_kind, subject_id, link_kind, target_kind, target_id, at, source)
            values ($1, $2, $3, $4, $5, $6, $7)
            """);
        command.Parameters.Add(new() { Value = link.Subject.Kind.ToWire() });
        command.Parameters.Add(new() { Value = link.Subject.Id });
        command.Parameters.Add(new() { Value = link.Kind.ToWire() });
        command.Parameters.Add(
            new() { Value = (object?)link.Target?.Kind.ToWire() ?? DBNull.Value,
                NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(
            new() { Value = (object?)link.Target?.Id ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = link.At.ToUniversalTime() });
        command.Parameters.Add(new() { Value = link.Source });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StoredAssignment>> AssignmentsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            select subject_kind, subject_id, scheme, level, valid_from, source, reason
            from grade_assignments order by id
            """);
        var rows = new List<StoredAssignment>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new StoredAssignment(new SubjectRef(SubjectKinds.Parse(reader.GetString(0)), reader.GetString(1)),
                reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetString(5), reader.GetString(6)));
        }

        return rows;
    }

    public async Task<IReadOnlyList<StoredLink>> LinksAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            select subject_kind, subject_id, link_kind, target_kind, target_id, at, source
            from subject_links order by id
            """);
        var rows = new List<StoredLink>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!LinkKinds.TryParse(reader.GetString(2), out var kind))
            {
                throw new InvalidDataException($"Unknown link kind '{reader.GetString(2)}' in subject_links.");
            }

            SubjectRef? target = reader.IsDBNull(3) ? null
                : new SubjectRef(SubjectKinds.Parse(reader.GetString(3)), reader.GetString(4));
            rows.Add(
                new StoredLink(
                    new SubjectRef(SubjectKinds.Parse(reader.GetString(0)), reader.GetString(1)), kind, target,
                reader.GetFieldValue<DateTimeOffset>(5), reader.GetString(6)));
        }

        return rows;
    }
}
