using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using GeoCredit.Protocols.Jt808;
using GeoCredit.Server.Auth;
using GeoCredit.Server.Hosting;
using GeoCredit.Storage.Terminals;

namespace GeoCredit.Server.Ingest.Jt808;

/// <summary>
/// The terminals the platform accepts, held in memory for the read loops (which ask synchronously) and loaded
/// from the database. A known terminal that registers gets an auth code derived from the server's signing key
/// and its number, so every server of a deployment issues and accepts the same code with nothing stored.
/// Thread-safe.
/// </summary>
public sealed class Jt808TerminalDirectory(TerminalStore store, SigningKey key, Jt808Options options)
    : IJt808TerminalRegistry, IDatabaseSeed
{
    private readonly ConcurrentDictionary<string, RegisteredTerminal> _terminals = new(StringComparer.Ordinal);

    public int Count => _terminals.Count;

    /// <summary>Imports the configured terminals file, if any, then loads every terminal.</summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (options.TerminalsFile is { Length: > 0 } file)
        {
            foreach (var line in await File.ReadAllLinesAsync(file, cancellationToken))
            {
                var fields = line.Split(',', StringSplitOptions.TrimEntries);
                if (fields.Length < 2 || line.StartsWith('#') || fields[0] == "terminal")
                {
                    continue;
                }

                var number = fields[0].TrimStart('0');
                await store.UpsertAsync(new RegisteredTerminal(number, fields[1],
                    fields.Length > 2 && fields[2].Length > 0 ? fields[2] : null,
                    fields.Length > 3 && fields[3].Length > 0 ? fields[3] : null), cancellationToken);
            }
        }

        await ReloadAsync(cancellationToken);
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        foreach (var terminal in await store.AllAsync(cancellationToken))
        {
            _terminals[terminal.Terminal] = terminal;
        }
    }

    public async Task AddAsync(RegisteredTerminal terminal, CancellationToken cancellationToken)
    {
        await store.UpsertAsync(terminal, cancellationToken);
        _terminals[terminal.Terminal] = terminal;
    }

    public bool TryFind(Jt808TerminalNumber terminal, out RegisteredTerminal registered) =>
        _terminals.TryGetValue(terminal.ToTrimmedString(), out registered!);

    public Jt808RegistrationDecision Register(Jt808TerminalNumber terminal, Jt808Registration registration) =>
        TryFind(terminal, out _)
            ? new Jt808RegistrationDecision(Jt808RegistrationResult.Success, AuthCodeFor(terminal))
            : new Jt808RegistrationDecision(Jt808RegistrationResult.NoSuchTerminal, null);

    public bool Authenticate(Jt808TerminalNumber terminal, Jt808Authentication authentication) =>
        TryFind(terminal, out _) && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(AuthCodeFor(terminal)), Encoding.ASCII.GetBytes(authentication.AuthCode));

    public string AuthCodeFor(Jt808TerminalNumber terminal)
    {
        var mac = HMACSHA256.HashData(key.Key.Key, Encoding.ASCII.GetBytes("jt808:" + terminal.ToTrimmedString()));
        return Convert.ToHexString(mac, 0, 8);
    }
}
