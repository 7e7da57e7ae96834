namespace GeoCredit.Core.Dispatch;

/// <summary>How urgent an alert is, least urgent first.</summary>
public enum AlertSeverity
{
    Info,
    Reminder,
    Warning,
    High,
    Critical,
}

/// <summary>Where an alert is in its life: open until a person acknowledges it, then resolved.</summary>
public enum AlertState
{
    Open,
    Acknowledged,
    Resolved,
}

/// <summary>What a person can do to an alert.</summary>
public enum AlertAction
{
    Acknowledge,
    Resolve,
}

/// <summary>The credit grade of the object when the alert was raised: a level of a grade scheme.</summary>
public sealed record GradeAtRaise(string Scheme, string Level);

/// <summary>
/// Why the rule fired, as it was at that moment: the position, the grade then, and the names of the rule and zone
/// (names are copied so that the alert still reads correctly after a zone or rule is renamed or deleted).
/// </summary>
public sealed record AlertEvidence(
    double Longitude,
    double Latitude,
    DateTimeOffset PositionTime,
    GradeAtRaise? Grade,
    string RuleName,
    string? ZoneName,
    string Message);

/// <summary>The identity that deduplication works on: one open alert per object, rule and zone.</summary>
public readonly record struct AlertKey(string ObjectId, string RuleId, string? ZoneId);

/// <summary>An alert as it is stored: every field needed to rebuild it after a restart.</summary>
public sealed record AlertRecord(
    string Id,
    string RuleId,
    string ObjectId,
    string? ZoneId,
    AlertSeverity Severity,
    DateTimeOffset RaisedAt,
    AlertEvidence Evidence,
    AlertState State,
    int Repeats,
    DateTimeOffset LastRaisedAt,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    string? ResolvedBy,
    DateTimeOffset? ResolvedAt,
    string? ResolutionNote);

/// <summary>
/// A rule firing for an object at a time and place. States: Open → Acknowledged → Resolved, or Open → Resolved.
/// Thread-safe: every change takes the alert's own lock.
/// </summary>
public sealed class Alert
{
    private readonly Lock _gate = new();

    private AlertState _state;
    private int _repeats;
    private DateTimeOffset _lastRaisedAt;
    private string? _acknowledgedBy;
    private DateTimeOffset? _acknowledgedAt;
    private string? _resolvedBy;
    private DateTimeOffset? _resolvedAt;
    private string? _resolutionNote;

    public Alert(
        string id,
        string ruleId,
        string objectId,
        string? zoneId,
        AlertSeverity severity,
        DateTimeOffset raisedAt,
        AlertEvidence evidence)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleId);
        ArgumentException.ThrowIfNullOrWhiteSpace(objectId);
        ArgumentNullException.ThrowIfNull(evidence);

        Id = id;
        RuleId = ruleId;
        ObjectId = objectId;
        ZoneId = zoneId;
        Severity = severity;
        RaisedAt = raisedAt;
        Evidence = evidence;
        _lastRaisedAt = raisedAt;
    }

    public string Id { get; }

    public string RuleId { get; }

    public string ObjectId { get; }

    public string? ZoneId { get; }

    public AlertSeverity Severity { get; }

    public DateTimeOffset RaisedAt { get; }

    public AlertEvidence Evidence { get; }

    public AlertKey Key => new(ObjectId, RuleId, ZoneId);

    public AlertState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    public bool IsOpen => State != AlertState.Resolved;

    /// <summary>How many times the rule fired again while this alert was open.</summary>
    public int Repeats
    {
        get
        {
            lock (_gate)
            {
                return _repeats;
            }
        }
    }

    /// <summary>When the rule last fired for this alert (the first raise or the latest repeat).</summary>
    public DateTimeOffset LastRaisedAt
    {
        get
        {
            lock (_gate)
            {
                return _lastRaisedAt;
            }
        }
    }

    public static Alert Restore(AlertRecord stored)
    {
        ArgumentNullException.ThrowIfNull(stored);

        var alert = new Alert(stored.Id, stored.RuleId, stored.ObjectId, stored.ZoneId, stored.Severity,
            stored.RaisedAt, stored.Evidence)
        {
            _state = stored.State,
            _repeats = stored.Repeats,
            _lastRaisedAt = stored.LastRaisedAt,
            _acknowledgedBy = stored.AcknowledgedBy,
            _acknowledgedAt = stored.AcknowledgedAt,
            _resolvedBy = stored.ResolvedBy,
            _resolvedAt = stored.ResolvedAt,
            _resolutionNote = stored.ResolutionNote,
        };
        return alert;
    }

    public AlertRecord ToRecord()
    {
        lock (_gate)
        {
            return new AlertRecord(Id, RuleId, ObjectId, ZoneId, Severity, RaisedAt, Evidence, _state, _repeats,
                _lastRaisedAt, _acknowledgedBy, _acknowledgedAt, _resolvedBy, _resolvedAt, _resolutionNote);
        }
    }

    public void Acknowledge(string by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);

        lock (_gate)
        {
            _state = Next(AlertAction.Acknowledge);
            _acknowledgedBy = by;
            _acknowledgedAt = at;
        }
    }

    public void Resolve(string by, DateTimeOffset at, string? note = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);

        lock (_gate)
        {
            _state = Next(AlertAction.Resolve);
            _resolvedBy = by;
            _resolvedAt = at;
            _resolutionNote = note;
        }
    }

    /// <summary>The state an action leads to from <paramref name="state"/>, or null when it is not allowed.</summary>
    public static AlertState? Transition(AlertState state, AlertAction action) => (state, action) switch
    {
        (AlertState.Open, AlertAction.Acknowledge) => AlertState.Acknowledged,
        (AlertState.Open, AlertAction.Resolve) => AlertState.Resolved,
        (AlertState.Acknowledged, AlertAction.Resolve) => AlertState.Resolved,
        _ => null,
    };

    /// <summary>
    /// Counts a repeat; false when the alert was resolved meanwhile and the caller must open a new one.
    /// </summary>
    internal bool TryCountRepeat(DateTimeOffset at)
    {
        lock (_gate)
        {
            if (_state == AlertState.Resolved)
            {
                return false;
            }

            _repeats++;
            if (at > _lastRaisedAt)
            {
                _lastRaisedAt = at;
            }

            return true;
        }
    }

    // The one guard of this state machine; called under the lock.
    private AlertState Next(AlertAction action) =>
        Transition(_state, action) ?? throw new IllegalTransitionException($"Alert {Id}", _state.ToString(),
            action == AlertAction.Acknowledge ? "acknowledged" : "resolved");
}
