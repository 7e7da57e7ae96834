namespace GeoCredit.Core.Dispatch;

/// <summary>Whether a work order goes to one of the regulator's own teams or to a company it supervises.</summary>
public enum AddresseeKind
{
    /// <summary>A team of the regulator: patrol, park_gate, lock, terminal, city_enforcement and so on.</summary>
    Team,

    /// <summary>A supervised company: a bike operator, a carrier, a yacht club, a terminal operator.</summary>
    Company,
}

/// <summary>
/// Who a work order is for. Only companies carry credit, so only they can lose points for a missed clock.
/// </summary>
/// <param name="Kind">Team or company.</param>
/// <param name="Id">The team's or company's id, e.g. "patrol-haidian" or "operator-meituan".</param>
public sealed record Addressee(AddresseeKind Kind, string Id)
{
    public string Id { get; } = !string.IsNullOrWhiteSpace(Id)
        ? Id
        : throw new ArgumentException("An addressee needs an id.", nameof(Id));

    public static Addressee Team(string teamId) => new(AddresseeKind.Team, teamId);

    public static Addressee Company(string companyId) => new(AddresseeKind.Company, companyId);

    public override string ToString() => Kind == AddresseeKind.Team ? $"team {Id}" : $"company {Id}";
}
