namespace GeoCredit.Protocols.Ais;

/// <summary>Limits of one <see cref="AisDecoder"/>'s multi-sentence assembly.</summary>
public sealed record AisDecoderOptions
{
    /// <summary>
    /// How long the fragments of one message may take, counted from its first fragment. A receiver sends all
    /// fragments of a message back to back, so a message still incomplete after this is never going to be.
    /// </summary>
    public TimeSpan FragmentTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many incomplete messages are kept at once. Sequence ids run 0 to 9 per channel, so a single feed
    /// rarely has more than a handful; the bound only stops a broken feed from growing memory without limit.
    /// </summary>
    public int MaxPendingMessages { get; init; } = 64;
}
