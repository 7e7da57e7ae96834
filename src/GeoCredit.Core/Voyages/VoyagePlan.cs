using System.Collections.Concurrent;

namespace GeoCredit.Core.Voyages;

public enum VoyagePlanState
{
    Filed,
    Approved,
    Rejected,
}

/// <summary>
/// A yacht's voyage plan (the Huangpu case: no departure without one): filed by the club, approved or rejected
/// by the maritime authority. Only an approved plan whose window holds the moment lets a yacht be under way.
/// </summary>
public sealed record VoyagePlan(
    string Id,
    string YachtId,
    DateTimeOffset Departure,
    DateTimeOffset Arrival,
    string Route,
    VoyagePlanState State,
    string FiledBy,
    DateTimeOffset FiledAt,
    string? DecidedBy = null,
    DateTimeOffset? DecidedAt = null)
{
    public bool Covers(DateTimeOffset time) =>
        State == VoyagePlanState.Approved && time >= Departure && time <= Arrival;

    /// <summary>Approves or rejects a filed plan; any other move throws, naming the plan's state.</summary>
    public VoyagePlan Decide(bool approve, string by, DateTimeOffset at) => State == VoyagePlanState.Filed
        ? this with { State = approve ? VoyagePlanState.Approved : VoyagePlanState.Rejected, DecidedBy = by,
            DecidedAt = at }
        : throw new InvalidOperationException($"Voyage plan {Id} is {State}; only a filed plan can be decided.");

    public static VoyagePlan File(
        string id, string yachtId, DateTimeOffset departure, DateTimeOffset arrival, string route,
        string by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(yachtId);
        if (arrival <= departure)
        {
            throw new ArgumentException("A voyage plan must arrive after it departs.", nameof(arrival));
        }

        return new VoyagePlan(id, yachtId, departure, arrival, route, VoyagePlanState.Filed, by, at);
    }
}

/// <summary>Every yacht's voyage plans, for the "under way without a plan" rule on the hot path. Thread-safe.</summary>
public sealed class VoyagePlanBook
{
    private readonly ConcurrentDictionary<string, VoyagePlan> _plans = new(StringComparer.Ordinal);

    public void Put(VoyagePlan plan) => _plans[plan.Id] = plan;

    public bool TryGet(string id, out VoyagePlan plan) => _plans.TryGetValue(id, out plan!);

    public IReadOnlyList<VoyagePlan> Of(string? yachtId) =>
        _plans.Values.Where(p => yachtId is null || p.YachtId == yachtId).OrderBy(p => p.Departure).ToArray();

    public bool HasActivePlan(string yachtId, DateTimeOffset at) =>
        _plans.Values.Any(p => p.YachtId == yachtId && p.Covers(at));
}
