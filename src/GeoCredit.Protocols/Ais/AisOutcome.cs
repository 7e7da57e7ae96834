using System.Diagnostics.CodeAnalysis;

namespace GeoCredit.Protocols.Ais;

/// <summary>What one line fed to <see cref="AisDecoder"/> came to.</summary>
public enum AisOutcomeKind
{
    /// <summary>The line was empty or only white space; nothing to count.</summary>
    Blank,

    /// <summary>The line was a fragment of a multi-sentence message and is stored until the rest arrives.</summary>
    Fragment,

    /// <summary>The line completed a message: <see cref="AisOutcome.Message"/> holds it.</summary>
    Message,

    /// <summary>The line was refused: <see cref="AisOutcome.Rejection"/> says why.</summary>
    Rejected,
}

/// <summary>
/// The outcome of one line: nothing yet, a decoded message, or a rejection. A struct, so that decoding a
/// position report returns it without allocating.
/// </summary>
public readonly record struct AisOutcome
{
    private AisOutcome(AisOutcomeKind kind, AisMessage message, AisRejection? rejection)
    {
        Kind = kind;
        Message = message;
        Rejection = rejection;
    }

    public AisOutcomeKind Kind { get; }

    /// <summary>The decoded message when <see cref="Kind"/> is <see cref="AisOutcomeKind.Message"/>.</summary>
    public AisMessage Message { get; }

    /// <summary>Why the line was refused, when <see cref="Kind"/> is <see cref="AisOutcomeKind.Rejected"/>.</summary>
    public AisRejection? Rejection { get; }

    public bool IsMessage => Kind == AisOutcomeKind.Message;

    [MemberNotNullWhen(true, nameof(Rejection))]
    public bool IsRejected => Kind == AisOutcomeKind.Rejected;

    internal static AisOutcome Blank { get; } = new(AisOutcomeKind.Blank, default, null);

    internal static AisOutcome Fragment { get; } = new(AisOutcomeKind.Fragment, default, null);

    internal static AisOutcome Decoded(in AisMessage message) => new(AisOutcomeKind.Message, message, null);

    internal static AisOutcome Refused(AisRejection rejection) => new(AisOutcomeKind.Rejected, default, rejection);
}
