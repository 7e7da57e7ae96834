using Npgsql;

namespace GeoCredit.Storage.Accounts;

/// <summary>A person who signs in, as stored: the password only as a hash.</summary>
public sealed record UserAccount(
    string Username,
    string DisplayName,
    string PasswordHash,
    IReadOnlyList<string> Roles,
    string? Company,
    string? Team);

/// <summary>Reads and creates user accounts. Thread-safe.</summary>
public sealed class UserAccounts(NpgsqlDataSource dataSource)
{
    public async Task<UserAccount?> FindAsync(string username, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            select username, display_name, password_hash, roles, company, team
            from user_accounts where username = $1
            """);
        command.Parameters.Add(new() { Value = username });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new UserAccount(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetFieldValue<string[]>(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5));
    }

    /// <summary>Creates the account unless one with that name exists; an existing account is left as it is.</summary>
    /// <returns>Whether the account was created.</returns>
    public async Task<bool> CreateIfMissingAsync(UserAccount account, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            insert into user_accounts (username, display_name, password_hash, roles, company, team)
            values ($1, $2, $3, $4, $5, $6)
            on conflict (username) do nothing
            """);
        command.Parameters.Add(new() { Value = account.Username });
        command.Parameters.Add(new() { Value = account.DisplayName });
        command.Parameters.Add(new() { Value = account.PasswordHash });
        command.Parameters.Add(new() { Value = account.Roles.ToArray() });
        command.Parameters.Add(new() { Value = (object?)account.Company ?? DBNull.Value });
        command.Parameters.Add(new() { Value = (object?)account.Team ?? DBNull.Value });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
