namespace GeoCredit.Core.Dispatch;

/// <summary>The outcome of <see cref="AlertBook.Raise"/>: the alert that stands, and whether it is new.</summary>
/// <param name="Alert">The newly opened alert, or the open one that the raise was folded into.</param>
/// <param name="Opened">True when the raise opened a new alert; false when it counted a repeat.</param>
public readonly record struct AlertRaise(Alert Alert, bool Opened);

/// <summary>
/// The open alerts, at most one per (object, rule, zone). A rule that fires again while its alert is open adds a
/// repeat to that alert instead of opening another, so a fix jittering across a zone edge cannot flood the feed.
/// Once the alert is resolved the next firing opens a new one. Thread-safe.
/// </summary>
public sealed class AlertBook
{
    private readonly Lock _gate = new();
    private readonly Dictionary<AlertKey, Alert> _openByKey = [];
    private readonly Dictionary<string, Alert> _openById = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                Prune();
                return _openById.Count;
            }
        }
    }

    /// <summary>Opens <paramref name="candidate"/>, or counts a repeat on the alert already open for its key.</summary>
    public AlertRaise Raise(Alert candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (!candidate.IsOpen)
        {
            throw new ArgumentException($"Alert {candidate.Id} is already resolved; only open alerts are raised.",
                nameof(candidate));
        }

        lock (_gate)
        {
            // An alert resolved directly (not through this book) is still indexed; the repeat is refused and the
            // candidate takes its place.
            if (_openByKey.TryGetValue(candidate.Key, out var open) && open.TryCountRepeat(candidate.RaisedAt))
            {
                return new AlertRaise(open, Opened: false);
            }

            if (open is not null)
            {
                _openById.Remove(open.Id);
            }

            if (!_openById.TryAdd(candidate.Id, candidate))
            {
                throw new ArgumentException($"An open alert with id {candidate.Id} already exists.", nameof(candidate));
            }

            _openByKey[candidate.Key] = candidate;
            return new AlertRaise(candidate, Opened: true);
        }
    }

    public bool TryGet(string id, out Alert alert)
    {
        lock (_gate)
        {
            return _openById.TryGetValue(id, out alert!) && alert.IsOpen;
        }
    }

    public Alert Acknowledge(string id, string by, DateTimeOffset at)
    {
        var alert = Get(id);
        alert.Acknowledge(by, at);
        return alert;
    }

    /// <summary>Resolves an open alert and takes it out of the book, so that the next firing opens a new one.</summary>
    public Alert Resolve(string id, string by, DateTimeOffset at, string? note = null)
    {
        var alert = Get(id);
        alert.Resolve(by, at, note);

        lock (_gate)
        {
            Forget(alert);
        }

        return alert;
    }

    /// <summary>The open alerts, oldest first.</summary>
    public IReadOnlyList<Alert> Open()
    {
        lock (_gate)
        {
            Prune();
            return _openById.Values
                .OrderBy(alert => alert.RaisedAt)
                .ThenBy(alert => alert.Id, StringComparer.Ordinal)
                .ToArray();
        }
    }

    /// <summary>
    /// Loads alerts known from storage after a restart. Resolved alerts are ignored. Should storage hold two open
    /// alerts for one key, the earlier one is kept in the book, so that repeats keep landing on the older alert.
    /// </summary>
    public void Load(IEnumerable<Alert> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);

        lock (_gate)
        {
            foreach (var alert in alerts.Where(a => a.IsOpen).OrderBy(a => a.RaisedAt))
            {
                if (_openByKey.ContainsKey(alert.Key) || _openById.ContainsKey(alert.Id))
                {
                    continue;
                }

                _openByKey.Add(alert.Key, alert);
                _openById.Add(alert.Id, alert);
            }
        }
    }

    private Alert Get(string id) =>
        TryGet(id, out var alert) ? alert : throw new KeyNotFoundException($"No open alert has id {id}.");

    private void Forget(Alert alert)
    {
        _openById.Remove(alert.Id);
        if (_openByKey.TryGetValue(alert.Key, out var indexed) && ReferenceEquals(indexed, alert))
        {
            _openByKey.Remove(alert.Key);
        }
    }

    private void Prune()
    {
        foreach (var alert in _openById.Values.Where(a => !a.IsOpen).ToArray())
        {
            Forget(alert);
        }
    }
}
