namespace GeoCredit.Protocols.Jt808;

/// <summary>Bounds of a <see cref="Jt808SubPackageAssembler"/>.</summary>
public sealed record Jt808SubPackageOptions
{
    /// <summary>How long a message may wait for its next package before it is dropped.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many messages one connection may have half-received at once.</summary>
    public int MaxPendingMessages { get; init; } = 8;

    /// <summary>The most packages one message may declare.</summary>
    public int MaxPackages { get; init; } = 1024;

    /// <summary>The largest reassembled body.</summary>
    public int MaxMessageLength { get; init; } = 1024 * 1024;
}

public enum Jt808AssemblyStatus
{
    /// <summary>The package was stored; the message still lacks packages.</summary>
    Incomplete,

    /// <summary>The last missing package arrived; the result's <c>Message</c> is the whole message.</summary>
    Complete,

    /// <summary>The package was refused; <see cref="Jt808AssemblyResult.Rejection"/> says why.</summary>
    Rejected,
}

/// <summary>A reassembled message: the header of its first package and the concatenated bodies.</summary>
public sealed record Jt808AssembledMessage(Jt808Header Header, ReadOnlyMemory<byte> Body);

public readonly record struct Jt808AssemblyResult(
    Jt808AssemblyStatus Status,
    Jt808AssembledMessage? Message,
    Jt808Rejection Rejection);

/// <summary>A message that was dropped because its packages stopped coming.</summary>
public sealed record Jt808ExpiredMessage(
    Jt808TerminalNumber Terminal,
    ushort MessageId,
    ushort FirstSerial,
    int ReceivedPackages,
    int TotalPackages,
    Jt808Rejection Rejection);

/// <summary>
/// Reassembles sub-packaged messages (JT/T 808-2019, 4.4.3: header fields "total packages" and "package index").
/// Packages of one message carry consecutive serials, so a message is keyed by terminal, message id, the serial
/// its first package has or would have (serial - index + 1), and the total. Bounded in messages, packages and
/// bytes; a message whose next package does not arrive within the timeout is dropped and reported by
/// <see cref="RemoveExpired"/>.
/// </summary>
/// <remarks>Not thread-safe: one assembler per connection, used from its read loop.</remarks>
public sealed class Jt808SubPackageAssembler(TimeProvider clock, Jt808SubPackageOptions? options = null)
{
    private readonly Jt808SubPackageOptions _options = options ?? new Jt808SubPackageOptions();
    private readonly Dictionary<Key, Pending> _pending = [];
    private readonly List<Jt808ExpiredMessage> _expired = [];

    public int PendingCount => _pending.Count;

    /// <summary>Adds one package; returns the whole message when it was the last one missing.</summary>
    public Jt808AssemblyResult Add(in Jt808Frame frame) => Add(frame.Header, frame.Body);

    public Jt808AssemblyResult Add(in Jt808Header header, ReadOnlySpan<byte> body)
    {
        if (!header.IsSubPackage)
        {
            return new(Jt808AssemblyStatus.Complete, new Jt808AssembledMessage(header, body.ToArray()), default);
        }

        var total = header.PackageTotal;
        var index = header.PackageIndex;
        if (total == 0 || index == 0 || index > total)
        {
            return Refuse(new Jt808Rejection(Jt808Reason.BadPackageIndex,
                $"Package {index} of {total} is not a valid package position."));
        }

        if (total > _options.MaxPackages)
        {
            return Refuse(new Jt808Rejection(Jt808Reason.SubpackageLimit,
                $"The message declares {total} packages; at most {_options.MaxPackages} are accepted."));
        }

        var now = clock.GetUtcNow();
        var key = new Key(header.Terminal, header.MessageId, (ushort)(header.Serial - index + 1), total);
        if (_pending.TryGetValue(key, out var pending) && now - pending.LastSeen > _options.Timeout)
        {
            Expire(key, pending);
            pending = null;
        }

        if (pending is null)
        {
            if (_pending.Count >= _options.MaxPendingMessages)
            {
                SweepExpired(now);
            }

            if (_pending.Count >= _options.MaxPendingMessages)
            {
                return Refuse(new Jt808Rejection(Jt808Reason.SubpackageLimit,
                    $"{_pending.Count} sub-packaged messages are already pending on this connection."));
            }

            pending = new Pending(total);
            _pending.Add(key, pending);
        }

        // A repeated package (a terminal re-sending after a 0x8003 request) replaces the earlier copy.
        var slot = index - 1;
        pending.Length += body.Length - (pending.Parts[slot]?.Length ?? 0);
        if (pending.Parts[slot] is null)
        {
            pending.Received++;
        }

        pending.Parts[slot] = body.ToArray();
        pending.LastSeen = now;
        if (index == 1)
        {
            pending.First = header;
        }

        if (pending.Length > _options.MaxMessageLength)
        {
            _pending.Remove(key);
            return Refuse(new Jt808Rejection(Jt808Reason.SubpackageLimit,
                $"The reassembled message would exceed {_options.MaxMessageLength} bytes and was dropped."));
        }

        if (pending.Received < total)
        {
            return new(Jt808AssemblyStatus.Incomplete, null, default);
        }

        _pending.Remove(key);
        return new(Jt808AssemblyStatus.Complete, new Jt808AssembledMessage(pending.First, pending.Join()), default);
    }

    /// <summary>
    /// Drops messages whose next package is overdue and returns them with those dropped while adding, each with a
    /// <c>subpackage_timeout</c> rejection. Call it from the read loop or a timer so that the drops are counted.
    /// </summary>
    public IReadOnlyList<Jt808ExpiredMessage> RemoveExpired()
    {
        SweepExpired(clock.GetUtcNow());
        if (_expired.Count == 0)
        {
            return [];
        }

        var expired = _expired.ToArray();
        _expired.Clear();
        return expired;
    }

    private void SweepExpired(DateTimeOffset now)
    {
        foreach (var (key, pending) in _pending.ToArray())
        {
            if (now - pending.LastSeen > _options.Timeout)
            {
                Expire(key, pending);
            }
        }
    }

    private void Expire(Key key, Pending pending)
    {
        _pending.Remove(key);
        _expired.Add(new Jt808ExpiredMessage(key.Terminal, key.MessageId, key.FirstSerial, pending.Received,
            key.Total, new Jt808Rejection(Jt808Reason.SubpackageTimeout,
                $"Message {Jt808MessageIds.Format(key.MessageId)} from {key.Terminal} received {pending.Received} of "
                + $"{key.Total} packages before no package came for {_options.Timeout.TotalSeconds:0} s.")));
    }

    private static Jt808AssemblyResult Refuse(Jt808Rejection rejection) =>
        new(Jt808AssemblyStatus.Rejected, null, rejection);

    private readonly record struct Key(
        Jt808TerminalNumber Terminal,
        ushort MessageId,
        ushort FirstSerial,
        ushort Total);

    private sealed class Pending(int total)
    {
        public byte[]?[] Parts { get; } = new byte[]?[total];

        public int Received { get; set; }

        public int Length { get; set; }

        public DateTimeOffset LastSeen { get; set; }

        public Jt808Header First { get; set; }

        public byte[] Join()
        {
            var joined = new byte[Length];
            var at = 0;
            foreach (var part in Parts)
            {
                part!.CopyTo(joined, at);
                at += part.Length;
            }

            return joined;
        }
    }
}
