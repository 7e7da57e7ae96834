namespace GeoCredit.Core.Dispatch;

/// <summary>Where a work order came from.</summary>
public enum WorkOrderOrigin
{
    /// <summary>A rule fired and its alert became an order.</summary>
    Rule,

    /// <summary>A control-room operator wrote it.</summary>
    Operator,

    /// <summary>Street staff created it from what they saw.</summary>
    Field,
}

/// <summary>
/// One entry of a work order's history. A move of the state machine has <see cref="Action"/> set; a note that
/// changed no state (the scanner noting that a clock ran out) has it null and <see cref="From"/> equal to
/// <see cref="To"/>.
/// </summary>
/// <param name="From">The state before.</param>
/// <param name="To">The state after.</param>
/// <param name="By">Who did it: a user id, or <see cref="WorkOrder.SystemActor"/>.</param>
/// <param name="At">When.</param>
/// <param name="Note">What the person wrote, or what the system noted.</param>
/// <param name="Action">The move, or null for a note.</param>
/// <param name="Assignee">Who held the order after the entry.</param>
public sealed record WorkOrderEvent(
    WorkOrderState From,
    WorkOrderState To,
    string By,
    DateTimeOffset At,
    string? Note,
    WorkOrderAction? Action,
    string? Assignee);

/// <summary>What is known when a work order is written, before it has a clock or a history.</summary>
public sealed record WorkOrderDraft
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public string? Note { get; init; }

    public required WorkOrderOrigin Origin { get; init; }

    public string? AlertId { get; init; }

    /// <summary>The rule whose alert the order came from; it chooses the clock terms and is kept for reports.</summary>
    public string? RuleId { get; init; }

    public required Addressee Addressee { get; init; }

    /// <summary>
    /// A member chosen at once (the nearest available one, or field staff writing an order for themselves).
    /// </summary>
    public string? Assignee { get; init; }

    public required double Longitude { get; init; }

    public required double Latitude { get; init; }

    public string? ZoneClass { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A work order as it is stored: every field needed to rebuild it after a restart.</summary>
public sealed record WorkOrderRecord(
    string Id,
    string Title,
    string? Note,
    WorkOrderOrigin Origin,
    string? AlertId,
    string? RuleId,
    Addressee Addressee,
    string? Assignee,
    double Longitude,
    double Latitude,
    string? ZoneClass,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    OrderClock Clock,
    WorkOrderState State,
    DateTimeOffset? ResponseOverdueNotedAt,
    DateTimeOffset? ResolveOverdueNotedAt,
    IReadOnlyList<WorkOrderEvent> History);

/// <summary>
/// A task for a team or a company, with a response clock and a resolve clock. The state machine is the table in
/// <see cref="WorkOrderTransitions"/>; every move appends a <see cref="WorkOrderEvent"/>. Who may make which move
/// is decided by the server; the order enforces the table, the notes that resolving, rejecting and cancelling
/// need, and that history runs forward in time. Thread-safe: every change takes the order's own lock.
/// </summary>
public sealed class WorkOrder
{
    /// <summary>The actor recorded for moves and notes made by GeoCredit itself.</summary>
    public const string SystemActor = "system";

    private readonly Lock _gate = new();
    private readonly List<WorkOrderEvent> _history = [];

    private WorkOrderState _state;
    private string? _assignee;
    private DateTimeOffset? _responseOverdueNotedAt;
    private DateTimeOffset? _resolveOverdueNotedAt;
    private Action<WorkOrder>? _changed;

    private WorkOrder(WorkOrderDraft draft, OrderClock clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.Id);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.Title);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.CreatedBy);
        ArgumentNullException.ThrowIfNull(draft.Addressee);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Math.Abs(draft.Longitude), 180, nameof(draft.Longitude));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Math.Abs(draft.Latitude), 90, nameof(draft.Latitude));

        Id = draft.Id;
        Title = draft.Title;
        Note = draft.Note;
        Origin = draft.Origin;
        AlertId = draft.AlertId;
        RuleId = draft.RuleId;
        Addressee = draft.Addressee;
        Longitude = draft.Longitude;
        Latitude = draft.Latitude;
        ZoneClass = draft.ZoneClass;
        CreatedBy = draft.CreatedBy;
        CreatedAt = draft.CreatedAt;
        Clock = clock;
        _assignee = draft.Assignee;
    }

    public string Id { get; }

    public string Title { get; }

    public string? Note { get; }

    public WorkOrderOrigin Origin { get; }

    public string? AlertId { get; }

    public string? RuleId { get; }

    public Addressee Addressee { get; }

    public double Longitude { get; }

    public double Latitude { get; }

    public string? ZoneClass { get; }

    public string CreatedBy { get; }

    public DateTimeOffset CreatedAt { get; }

    public OrderClock Clock { get; }

    public WorkOrderState State => Read(() => _state);

    public string? Assignee => Read(() => _assignee);

    public bool IsFinal => WorkOrderTransitions.IsFinal(State);

    /// <summary>When the scanner noted that the response clock ran out, if it did.</summary>
    public DateTimeOffset? ResponseOverdueNotedAt => Read(() => _responseOverdueNotedAt);

    /// <summary>When the scanner noted that the resolve clock ran out, if it did.</summary>
    public DateTimeOffset? ResolveOverdueNotedAt => Read(() => _resolveOverdueNotedAt);

    public IReadOnlyList<WorkOrderEvent> History => Read(() => _history.ToArray());

    /// <summary>When the order was first accepted: the moment the response clock was met.</summary>
    public DateTimeOffset? AcceptedAt => Read(FirstAcceptedAt);

    /// <summary>
    /// When the resolution that still stands was made; null while none stands (also after a rejection).
    /// </summary>
    public DateTimeOffset? ResolvedAt => Read(StandingResolutionAt);

    public DateTimeOffset? CancelledAt => Read(CancellationAt);

    /// <summary>Writes a new order and starts its clocks at its creation time.</summary>
    public static WorkOrder Create(WorkOrderDraft draft, ClockTerms terms)
    {
        ArgumentNullException.ThrowIfNull(draft);

        return new WorkOrder(draft, OrderClock.Start(draft.CreatedAt, terms));
    }

    /// <summary>
    /// Rebuilds an order from storage, with its deadlines, overdue notes and history exactly as stored.
    /// </summary>
    /// <exception cref="ArgumentException">The stored state does not follow from the stored history.</exception>
    public static WorkOrder Restore(WorkOrderRecord stored)
    {
        ArgumentNullException.ThrowIfNull(stored);

        var draft = new WorkOrderDraft
        {
            Id = stored.Id,
            Title = stored.Title,
            Note = stored.Note,
            Origin = stored.Origin,
            AlertId = stored.AlertId,
            RuleId = stored.RuleId,
            Addressee = stored.Addressee,
            Assignee = stored.Assignee,
            Longitude = stored.Longitude,
            Latitude = stored.Latitude,
            ZoneClass = stored.ZoneClass,
            CreatedBy = stored.CreatedBy,
            CreatedAt = stored.CreatedAt,
        };

        // The state is derived data; a state that its own history does not lead to means the row was damaged.
        var expected = stored.History.Count == 0 ? WorkOrderState.Created : stored.History[^1].To;
        if (expected != stored.State)
        {
            throw new ArgumentException(
                $"Work order {stored.Id} is stored as {stored.State} but its history ends in {expected}.",
                nameof(stored));
        }

        var order = new WorkOrder(draft, stored.Clock)
        {
            _state = stored.State,
            _responseOverdueNotedAt = stored.ResponseOverdueNotedAt,
            _resolveOverdueNotedAt = stored.ResolveOverdueNotedAt,
        };
        order._history.AddRange(stored.History);
        return order;
    }

    public WorkOrderRecord ToRecord()
    {
        lock (_gate)
        {
            return new WorkOrderRecord(Id, Title, Note, Origin, AlertId, RuleId, Addressee, _assignee, Longitude,
                Latitude, ZoneClass, CreatedBy, CreatedAt, Clock, _state, _responseOverdueNotedAt,
                _resolveOverdueNotedAt, _history.ToArray());
        }
    }

    /// <summary>Sends the order to its addressee, or to another member while nobody has accepted it yet.</summary>
    public WorkOrderEvent Dispatch(string by, DateTimeOffset at, string? assignee = null, string? note = null) =>
        Change(by, at, () => Step(WorkOrderAction.Dispatch, by, at, note, assignee));

    /// <summary>Takes the order on. Whoever accepts an order that has no assignee becomes its assignee.</summary>
    public WorkOrderEvent Accept(string by, DateTimeOffset at, string? note = null) =>
        Change(by, at, () => Step(WorkOrderAction.Accept, by, at, note, _assignee ?? by));

    public WorkOrderEvent ArriveOnSite(string by, DateTimeOffset at, string? note = null) =>
        Change(by, at, () => Step(WorkOrderAction.ArriveOnSite, by, at, note));

    /// <summary>Marks the order done. The note says what was done: it is what the verifier checks against.</summary>
    public WorkOrderEvent Resolve(string by, DateTimeOffset at, string note) =>
        Change(by, at, () => Step(WorkOrderAction.Resolve, by, at, note));

    /// <summary>
    /// Confirms a resolution. Meant for the order's creator, or whoever the server lets act for them.
    /// </summary>
    public WorkOrderEvent Verify(string by, DateTimeOffset at, string? note = null) =>
        Change(by, at, () => Step(WorkOrderAction.Verify, by, at, note));

    /// <summary>
    /// Verifies the order if <paramref name="check"/> holds for it (e.g. "the bike now stands in a permitted
    /// zone"). When it does not hold the order stays Resolved for its creator to decide: a check on live data
    /// can fail for a stale fix, and a rejection counts against the company, so only a person rejects.
    /// </summary>
    /// <param name="checkName">What was checked, for the history.</param>
    /// <param name="check">The caller's predicate; it runs outside the order's lock.</param>
    /// <param name="at">When.</param>
    /// <returns>True when the order was verified.</returns>
    public bool TryVerifyAutomatically(string checkName, Func<WorkOrder, bool> check, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(checkName);
        ArgumentNullException.ThrowIfNull(check);
        WorkOrderTransitions.Next(Id, State, WorkOrderAction.Verify);

        if (!check(this))
        {
            return false;
        }

        Verify(SystemActor, at, $"Verified automatically: {checkName}.");
        return true;
    }

    /// <summary>
    /// Refuses a resolution and sends the order straight back to Accepted, with its assignee and its original
    /// resolve deadline (see <see cref="WorkOrderTransitions"/> for why). Two entries are appended: the rejection
    /// with the verifier's note, and the return to Accepted by the system.
    /// </summary>
    /// <returns>The rejection entry.</returns>
    public WorkOrderEvent Reject(string by, DateTimeOffset at, string note) =>
        Change(by, at, () =>
        {
            var rejection = Step(WorkOrderAction.Reject, by, at, note);
            Step(WorkOrderAction.SendBack, SystemActor, at, "Sent back to the assignee: the resolution did not hold.");
            return rejection;
        });

    /// <summary>
    /// Returns a Rejected order to Accepted. <see cref="Reject"/> already does this; the method exists for an
    /// order whose stored state is Rejected (written by another version or by hand).
    /// </summary>
    public WorkOrderEvent SendBack(string by, DateTimeOffset at, string? note = null) =>
        Change(by, at, () => Step(WorkOrderAction.SendBack, by, at, note));

    /// <summary>Withdraws the order. The note says why: a cancelled order stops the addressee's clocks.</summary>
    public WorkOrderEvent Cancel(string by, DateTimeOffset at, string note) =>
        Change(by, at, () => Step(WorkOrderAction.Cancel, by, at, note));

    /// <summary>Which clocks ran out by <paramref name="now"/>; see <see cref="OrderClock.Overdue"/>.</summary>
    public OverdueClocks Overdue(DateTimeOffset now)
    {
        lock (_gate)
        {
            return Clock.Overdue(now, FirstAcceptedAt(), StandingResolutionAt(), CancellationAt());
        }
    }

    /// <summary>Whether a clock is still running: neither met nor stopped by cancellation.</summary>
    public bool IsRunning(ClockKind clock)
    {
        lock (_gate)
        {
            if (_state == WorkOrderState.Cancelled)
            {
                return false;
            }

            return clock == ClockKind.Response ? FirstAcceptedAt() is null : StandingResolutionAt() is null;
        }
    }

    /// <summary>
    /// Records that a clock's running out was noted; false when it already was, so each is reported once.
    /// </summary>
    internal bool TryNoteOverdue(ClockKind clock, DateTimeOffset at)
    {
        lock (_gate)
        {
            ref var noted = ref clock == ClockKind.Response ? ref _responseOverdueNotedAt : ref _resolveOverdueNotedAt;
            if (noted is not null)
            {
                return false;
            }

            noted = at;
            var what = clock == ClockKind.Response ? "Response" : "Resolve";
            _history.Add(new WorkOrderEvent(_state, _state, SystemActor, at,
                $"{what} deadline {Clock.Deadline(clock):O} passed.", Action: null, _assignee));
            return true;
        }
    }

    /// <summary>Lets one book follow the order's assignee and state; an order belongs to at most one book.</summary>
    internal void Attach(Action<WorkOrder> changed)
    {
        lock (_gate)
        {
            if (_changed is not null)
            {
                throw new InvalidOperationException($"Work order {Id} is already held by a work order book.");
            }

            _changed = changed;
        }
    }

    private static bool NeedsNote(WorkOrderAction action) =>
        action is WorkOrderAction.Resolve or WorkOrderAction.Reject or WorkOrderAction.Cancel;

    // Runs one change under the lock, then tells the book outside it, so the book never waits on an order's lock
    // while holding its own.
    private WorkOrderEvent Change(string by, DateTimeOffset at, Func<WorkOrderEvent> change)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);

        WorkOrderEvent entry;
        Action<WorkOrder>? changed;
        lock (_gate)
        {
            var last = _history.Count == 0 ? CreatedAt : _history[^1].At;
            if (at < last)
            {
                throw new ArgumentOutOfRangeException(nameof(at), at,
                    $"Work order {Id} last changed at {last:O}; a change cannot be dated before it.");
            }

            entry = change();
            changed = _changed;
        }

        changed?.Invoke(this);
        return entry;
    }

    // One move of the table; called under the lock. The guard comes first so that a move from the wrong state is
    // reported as such even when its note is missing too.
    private WorkOrderEvent Step(
        WorkOrderAction action,
        string by,
        DateTimeOffset at,
        string? note,
        string? assignee = null)
    {
        var to = WorkOrderTransitions.Next(Id, _state, action);
        if (NeedsNote(action) && string.IsNullOrWhiteSpace(note))
        {
            throw new ArgumentException(
                $"Work order {Id} cannot be {WorkOrderTransitions.Describe(action)} without a note.", nameof(note));
        }

        _assignee = assignee ?? _assignee;
        var entry = new WorkOrderEvent(_state, to, by, at, note, action, _assignee);
        _history.Add(entry);
        _state = to;
        return entry;
    }

    private DateTimeOffset? FirstAcceptedAt() =>
        _history.FirstOrDefault(e => e.Action == WorkOrderAction.Accept)?.At;

    private DateTimeOffset? StandingResolutionAt()
    {
        if (_state is not (WorkOrderState.Resolved or WorkOrderState.Verified))
        {
            return null;
        }

        return _history.LastOrDefault(e => e.Action == WorkOrderAction.Resolve)?.At;
    }

    private DateTimeOffset? CancellationAt() =>
        _state == WorkOrderState.Cancelled ? _history.LastOrDefault(e => e.Action == WorkOrderAction.Cancel)?.At : null;

    private T Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }
}
