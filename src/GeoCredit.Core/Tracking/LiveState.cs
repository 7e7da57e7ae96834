using System.Collections.Concurrent;

namespace GeoCredit.Core.Tracking;

/// <summary>How a fix relates to what is already known of its object.</summary>
public enum FixOrder
{
    /// <summary>Newer than the object's last fix (or its first): it moves the object.</summary>
    Newer,

    /// <summary>Older than the last fix: a late arrival, stored but never moving the object backwards.</summary>
    Older,

    /// <summary>The same fix time as the last fix: a repeat, dropped.</summary>
    Duplicate,
}

/// <summary>
/// The last known fix of every tracked object, in memory. Every position passes through <see cref="Observe"/>
/// once, which says whether it moves its object, arrived late, or repeats the last fix. Thread-safe.
/// </summary>
public sealed class LiveState
{
    private readonly ConcurrentDictionary<string, PositionReport> _last = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _changed = new(StringComparer.Ordinal);

    public int Count => _last.Count;

    public FixOrder Observe(PositionReport report)
    {
        while (true)
        {
            if (!_last.TryGetValue(report.ObjectId, out var last))
            {
                if (_last.TryAdd(report.ObjectId, report))
                {
                    _changed[report.ObjectId] = 0;
                    return FixOrder.Newer;
                }

                continue;
            }

            if (report.FixTime == last.FixTime)
            {
                return FixOrder.Duplicate;
            }

            if (report.FixTime < last.FixTime)
            {
                return FixOrder.Older;
            }

            if (_last.TryUpdate(report.ObjectId, report, last))
            {
                _changed[report.ObjectId] = 0;
                return FixOrder.Newer;
            }
        }
    }

    /// <summary>Takes the last fix of every object that moved since the last call, to be checkpointed.</summary>
    public IReadOnlyList<PositionReport> TakeChanged()
    {
        var taken = new List<PositionReport>(_changed.Count);
        foreach (var id in _changed.Keys)
        {
            if (_changed.TryRemove(id, out _) && _last.TryGetValue(id, out var report))
            {
                taken.Add(report);
            }
        }

        return taken;
    }

    /// <summary>Marks objects as moved again, when a checkpoint of them failed.</summary>
    public void MarkChanged(IEnumerable<PositionReport> reports)
    {
        foreach (var report in reports)
        {
            _changed[report.ObjectId] = 0;
        }
    }

    /// <summary>Every object's last fix, as of now (a snapshot that writers may change while it is read).</summary>
    public IEnumerable<PositionReport> All() => _last.Values;

    public bool TryGet(string objectId, out PositionReport report) => _last.TryGetValue(objectId, out report!);

    /// <summary>Loads last fixes known from storage; a fix already newer in memory is kept.</summary>
    public void Seed(IEnumerable<PositionReport> reports)
    {
        foreach (var report in reports)
        {
            _last.AddOrUpdate(
                report.ObjectId, report, (_, current) => current.FixTime >= report.FixTime ? current : report);
        }
    }
}
