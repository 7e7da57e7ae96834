namespace GeoCredit.Core.Dispatch;

/// <summary>
/// The response and resolve clocks a new work order gets, by the rule that raised it and the class of zone it is
/// in. The most specific entry wins: rule and zone class, then rule, then zone class, then the fallback. Zone
/// classes are the administrator's names (e.g. "core_area", "main_street") and are compared ignoring case.
/// Immutable: each <c>With...</c> returns a new policy. Thread-safe.
/// </summary>
public sealed class ClockPolicy
{
    private readonly Dictionary<string, ClockTerms> _byZoneClass;
    private readonly Dictionary<string, ClockTerms> _byRule;
    private readonly Dictionary<(string RuleId, string ZoneClass), ClockTerms> _byRuleAndZoneClass;

    public ClockPolicy(ClockTerms fallback)
        : this(
            fallback,
            new(StringComparer.OrdinalIgnoreCase),
            new(StringComparer.Ordinal),
            new(RuleZoneComparer.Instance))
    {
    }

    private ClockPolicy(
        ClockTerms fallback,
        Dictionary<string, ClockTerms> byZoneClass,
        Dictionary<string, ClockTerms> byRule,
        Dictionary<(string RuleId, string ZoneClass), ClockTerms> byRuleAndZoneClass)
    {
        ArgumentNullException.ThrowIfNull(fallback);

        Fallback = fallback;
        _byZoneClass = byZoneClass;
        _byRule = byRule;
        _byRuleAndZoneClass = byRuleAndZoneClass;
    }

    /// <summary>
    /// The Beijing shared-bike practice: operators respond within 5 to 30 minutes depending on where the bike is.
    /// The resolve times are our defaults, not published figures; deployments set their own.
    /// </summary>
    public static ClockPolicy BikeParking { get; } = new ClockPolicy(ClockTerms.Minutes(30, 120))
        .WithZoneClass("core_area", ClockTerms.Minutes(5, 30))
        .WithZoneClass("main_street", ClockTerms.Minutes(15, 60));

    public ClockTerms Fallback { get; }

    public ClockPolicy WithZoneClass(string zoneClass, ClockTerms terms)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(zoneClass);
        ArgumentNullException.ThrowIfNull(terms);

        var copy = Copy();
        copy._byZoneClass[zoneClass] = terms;
        return copy;
    }

    /// <summary>
    /// Terms for one rule, in every zone class or (when <paramref name="zoneClass"/> is given) in one.
    /// </summary>
    public ClockPolicy WithRule(string ruleId, ClockTerms terms, string? zoneClass = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleId);
        ArgumentNullException.ThrowIfNull(terms);

        var copy = Copy();
        if (zoneClass is null)
        {
            copy._byRule[ruleId] = terms;
        }
        else
        {
            copy._byRuleAndZoneClass[(ruleId, zoneClass)] = terms;
        }

        return copy;
    }

    /// <summary>
    /// The terms for an order raised by <paramref name="ruleId"/> in a zone of <paramref name="zoneClass"/>.
    /// </summary>
    public ClockTerms For(string? ruleId, string? zoneClass)
    {
        if (ruleId is not null && zoneClass is not null
            && _byRuleAndZoneClass.TryGetValue((ruleId, zoneClass), out var exact))
        {
            return exact;
        }

        if (ruleId is not null && _byRule.TryGetValue(ruleId, out var byRule))
        {
            return byRule;
        }

        if (zoneClass is not null && _byZoneClass.TryGetValue(zoneClass, out var byZoneClass))
        {
            return byZoneClass;
        }

        return Fallback;
    }

    private ClockPolicy Copy() => new(
        Fallback,
        new Dictionary<string, ClockTerms>(_byZoneClass, _byZoneClass.Comparer),
        new Dictionary<string, ClockTerms>(_byRule, _byRule.Comparer),
        new Dictionary<(string RuleId, string ZoneClass), ClockTerms>(
            _byRuleAndZoneClass, _byRuleAndZoneClass.Comparer));

    // Rule ids are exact; zone classes are names typed by administrators, so their case does not matter.
    private sealed class RuleZoneComparer : IEqualityComparer<(string RuleId, string ZoneClass)>
    {
        public static readonly RuleZoneComparer Instance = new();

        public bool Equals((string RuleId, string ZoneClass) x, (string RuleId, string ZoneClass) y) =>
            string.Equals(x.RuleId, y.RuleId, StringComparison.Ordinal)
            && string.Equals(x.ZoneClass, y.ZoneClass, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string RuleId, string ZoneClass) obj) => HashCode.Combine(
            StringComparer.Ordinal.GetHashCode(obj.RuleId),
            StringComparer.OrdinalIgnoreCase.GetHashCode(obj.ZoneClass));
    }
}
