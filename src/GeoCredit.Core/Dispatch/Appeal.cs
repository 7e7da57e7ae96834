namespace GeoCredit.Core.Dispatch;

/// <summary>Where an appeal against a credit deduction is: filed, then upheld or dismissed, both final.</summary>
public enum AppealState
{
    Filed,
    Upheld,
    Dismissed,
}

/// <summary>
/// A company's appeal against a <see cref="CreditDeduction"/>. It can be filed only until the deduction's appeal
/// deadline; upholding it cancels the deduction, dismissing it lets the deduction stand. Thread-safe.
/// </summary>
public sealed class Appeal
{
    private readonly Lock _gate = new();

    private AppealState _state;
    private CreditDeduction _deduction;
    private string? _decidedBy;
    private DateTimeOffset? _decidedAt;
    private string? _decision;

    private Appeal(string id, CreditDeduction deduction, string filedBy, DateTimeOffset filedAt, string grounds)
    {
        Id = id;
        _deduction = deduction;
        FiledBy = filedBy;
        FiledAt = filedAt;
        Grounds = grounds;
    }

    public string Id { get; }

    public string FiledBy { get; }

    public DateTimeOffset FiledAt { get; }

    /// <summary>Why the company thinks the deduction is wrong.</summary>
    public string Grounds { get; }

    public AppealState State => Read(() => _state);

    /// <summary>The deduction appealed against; cancelled once the appeal is upheld.</summary>
    public CreditDeduction Deduction => Read(() => _deduction);

    public string? DecidedBy => Read(() => _decidedBy);

    public DateTimeOffset? DecidedAt => Read(() => _decidedAt);

    /// <summary>The reasons given with the decision.</summary>
    public string? Decision => Read(() => _decision);

    /// <summary>Files an appeal. The deadline itself is still in time.</summary>
    /// <exception cref="InvalidOperationException">
    /// The appeal window closed, or the deduction is already cancelled.
    /// </exception>
    public static Appeal File(string id, CreditDeduction deduction, string filedBy, DateTimeOffset at, string grounds)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(deduction);
        ArgumentException.ThrowIfNullOrWhiteSpace(filedBy);
        ArgumentException.ThrowIfNullOrWhiteSpace(grounds);

        if (at > deduction.AppealDeadline)
        {
            throw new InvalidOperationException(
                $"The appeal window for deduction {deduction.Id} closed at {deduction.AppealDeadline:O}.");
        }

        if (deduction.IsCancelled)
        {
            throw new InvalidOperationException($"Deduction {deduction.Id} is already cancelled.");
        }

        return new Appeal(id, deduction, filedBy, at, grounds);
    }

    /// <summary>Rebuilds an appeal from storage.</summary>
    public static Appeal Restore(
        string id,
        CreditDeduction deduction,
        string filedBy,
        DateTimeOffset filedAt,
        string grounds,
        AppealState state,
        string? decidedBy,
        DateTimeOffset? decidedAt,
        string? decision)
    {
        ArgumentNullException.ThrowIfNull(deduction);

        return new Appeal(id, deduction, filedBy, filedAt, grounds)
        {
            _state = state,
            _decidedBy = decidedBy,
            _decidedAt = decidedAt,
            _decision = decision,
        };
    }

    /// <summary>Finds for the company: the deduction is cancelled as of <paramref name="at"/>.</summary>
    public void Uphold(string by, DateTimeOffset at, string decision)
    {
        Decide(AppealState.Upheld, by, at, decision);
    }

    /// <summary>Finds against the company: the deduction stands.</summary>
    public void Dismiss(string by, DateTimeOffset at, string decision)
    {
        Decide(AppealState.Dismissed, by, at, decision);
    }

    public static AppealState? Transition(AppealState from, AppealState to) =>
        from == AppealState.Filed && to is (AppealState.Upheld or AppealState.Dismissed) ? to : null;

    private void Decide(AppealState to, string by, DateTimeOffset at, string decision)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        ArgumentException.ThrowIfNullOrWhiteSpace(decision);

        lock (_gate)
        {
            // The one guard of this state machine: a decided appeal is final.
            _state = Transition(_state, to) ?? throw new IllegalTransitionException(
                $"Appeal {Id}", _state.ToString(), to == AppealState.Upheld ? "upheld" : "dismissed");
            _decidedBy = by;
            _decidedAt = at;
            _decision = decision;
            if (to == AppealState.Upheld)
            {
                _deduction = _deduction with { CancelledAt = at };
            }
        }
    }

    private T Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }
}
