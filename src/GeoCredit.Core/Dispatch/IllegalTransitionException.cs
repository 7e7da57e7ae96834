namespace GeoCredit.Core.Dispatch;

/// <summary>
/// A move that the state machine of an alert, a work order or an appeal does not allow from its current state.
/// The message names the subject, its current state and the move that was refused, so that a person reading a
/// log or an API error can tell at once what was attempted on what.
/// </summary>
public sealed class IllegalTransitionException : InvalidOperationException
{
    public IllegalTransitionException()
    {
    }

    public IllegalTransitionException(string message)
        : base(message)
    {
    }

    public IllegalTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public IllegalTransitionException(string subject, string state, string move)
        : base($"{subject} is {state}; it cannot be {move}.")
    {
        Subject = subject;
        State = state;
        Move = move;
    }

    /// <summary>What was moved, e.g. "Work order wo-17".</summary>
    public string? Subject { get; }

    /// <summary>The state it was in, e.g. "Resolved".</summary>
    public string? State { get; }

    /// <summary>The refused move in past participle form, e.g. "accepted".</summary>
    public string? Move { get; }
}
