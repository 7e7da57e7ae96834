using System.Text;

namespace GeoCredit.Protocols.Ais;

/// <summary>
/// The messages whose fragments are still arriving (IEC 61162-1, VDM: fragment count, fragment number and
/// sequential message id). A message is keyed by sequence id, channel, VDM or VDO, and tag block source station;
/// it must arrive in order, within the timeout, and at most <c>capacity</c> messages are kept. Messages it gives
/// up on are queued as <see cref="AisDroppedMessage"/>. The slots and their buffers are made once and reused, so
/// assembly does not allocate in the steady state. Not thread-safe.
/// </summary>
internal sealed class FragmentAssembler(TimeProvider clock, TimeSpan timeout, int capacity)
{
    /// <summary>How much of a first fragment's line is kept to report the message if it is dropped.</summary>
    private const int MaxKeptLine = 256;

    /// <summary>How many drop reports wait for <see cref="TryTakeDropped"/>; past that the oldest are lost.</summary>
    private const int MaxDropReports = 256;

    private readonly PendingMessage?[] _slots = new PendingMessage?[capacity];
    private readonly Queue<AisDroppedMessage> _dropped = new();
    private int _count;
    private long _started;
    private DateTimeOffset _nextDeadline = DateTimeOffset.MaxValue;

    public int PendingCount => _count;

    /// <summary>Drops every message whose time is up. Reads the clock only while something is pending.</summary>
    public void ExpireDue()
    {
        if (_count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        if (now < _nextDeadline)
        {
            return;
        }

        // Downwards, because a drop moves the last live slot (already looked at) into the freed place.
        for (var i = _count - 1; i >= 0; i--)
        {
            var pending = _slots[i]!;
            if (pending.Deadline <= now)
            {
                Drop(pending, AisRejections.TimedOut(pending.Received, pending.Count, timeout));
            }
        }
    }

    public bool TryTakeDropped(out AisDroppedMessage? dropped) => _dropped.TryDequeue(out dropped);

    /// <summary>The pending message with exactly this key, if any.</summary>
    public PendingMessage? Find(scoped in VdmSentence sentence, string? station)
    {
        for (var i = 0; i < _count; i++)
        {
            var pending = _slots[i]!;
            if (pending.Matches(sentence) && ReferenceEquals(pending.Station, station))
            {
                return pending;
            }
        }

        return null;
    }

    /// <summary>
    /// The pending message with this sequence id and channel from any station. Some receivers put the tag
    /// block (with <c>s:</c>) only on a message's first fragment, so a later fragment without one still belongs.
    /// </summary>
    public PendingMessage? FindFromAnyStation(scoped in VdmSentence sentence)
    {
        for (var i = _count - 1; i >= 0; i--)
        {
            var pending = _slots[i]!;
            if (pending.Matches(sentence))
            {
                return pending;
            }
        }

        return null;
    }

    /// <summary>Stores a first fragment, making room by dropping the oldest message when all slots are taken.</summary>
    public void Start(scoped in VdmSentence sentence, string? station, ReadOnlySpan<byte> line)
    {
        if (_count == capacity)
        {
            var oldest = _slots[0]!;
            for (var i = 1; i < _count; i++)
            {
                if (_slots[i]!.StartOrder < oldest.StartOrder)
                {
                    oldest = _slots[i]!;
                }
            }

            Drop(oldest, AisRejections.Evicted(oldest.Received, oldest.Count, capacity));
        }

        var pending = _slots[_count] ??= new PendingMessage();
        _count++;

        pending.Reset(sentence, station, line, clock.GetUtcNow() + timeout, _started++);
        if (pending.Deadline < _nextDeadline)
        {
            _nextDeadline = pending.Deadline;
        }
    }

    /// <summary>Takes a finished message out without reporting it; its buffers stay valid until the next Start.
    /// </summary>
    public void Complete(PendingMessage pending) => Remove(pending);

    /// <summary>Takes a message out and queues it as dropped for the given reason.</summary>
    public void Drop(PendingMessage pending, AisRejection reason)
    {
        Remove(pending);

        if (_dropped.Count == MaxDropReports)
        {
            _dropped.Dequeue();
        }

        _dropped.Enqueue(new AisDroppedMessage(reason, pending.KeptLine()));
    }

    private void Remove(PendingMessage pending)
    {
        var index = Array.IndexOf(_slots, pending, 0, _count);
        if (index < 0)
        {
            return;
        }

        // Swap the slot with the last live one: live slots stay packed at the front, objects are never lost.
        _count--;
        _slots[index] = _slots[_count];
        _slots[_count] = pending;

        _nextDeadline = DateTimeOffset.MaxValue;
        for (var i = 0; i < _count; i++)
        {
            if (_slots[i]!.Deadline < _nextDeadline)
            {
                _nextDeadline = _slots[i]!.Deadline;
            }
        }
    }

    /// <summary>One message being assembled: its key, the fragments so far, and its first line for reports.</summary>
    internal sealed class PendingMessage
    {
        private readonly byte[] _payload = new byte[SixBitPayload.MaxCharacters];
        private readonly byte[] _line = new byte[MaxKeptLine];
        private int _lineLength;
        private bool _lineCut;

        public byte SequenceId { get; private set; }

        public byte Channel { get; private set; }

        public bool IsOwnShip { get; private set; }

        public string? Station { get; private set; }

        public DateTimeOffset? StationTime { get; private set; }

        public int Count { get; private set; }

        public int Received { get; private set; }

        public int PayloadLength { get; private set; }

        public int FillBits { get; private set; }

        public DateTimeOffset Deadline { get; private set; }

        public long StartOrder { get; private set; }

        public ReadOnlySpan<byte> Payload => _payload.AsSpan(0, PayloadLength);

        public bool Matches(scoped in VdmSentence sentence) =>
            SequenceId == sentence.SequenceId && Channel == sentence.Channel && IsOwnShip == sentence.IsOwnShip;

        public void Reset(
            scoped in VdmSentence sentence,
            string? station,
            ReadOnlySpan<byte> line,
            DateTimeOffset deadline,
            long order)
        {
            SequenceId = sentence.SequenceId;
            Channel = sentence.Channel;
            IsOwnShip = sentence.IsOwnShip;
            Station = station;
            StationTime = sentence.StationTime;
            Count = sentence.FragmentCount;
            Deadline = deadline;
            StartOrder = order;
            Received = 0;
            PayloadLength = 0;

            _lineCut = line.Length > _line.Length;
            _lineLength = Math.Min(line.Length, _line.Length);
            line[.._lineLength].CopyTo(_line);

            Append(sentence);
        }

        /// <returns>False when the assembled payload would be longer than any AIS message.</returns>
        public bool TryAppend(scoped in VdmSentence sentence)
        {
            if (PayloadLength + sentence.Payload.Length > _payload.Length)
            {
                return false;
            }

            Append(sentence);
            return true;
        }

        public string KeptLine()
        {
            var text = Encoding.ASCII.GetString(_line, 0, _lineLength);
            return _lineCut ? text + "…" : text;
        }

        /// <summary>Only the last fragment's fill bits count; earlier fragments end on whole characters.</summary>
        private void Append(scoped in VdmSentence sentence)
        {
            sentence.Payload.CopyTo(_payload.AsSpan(PayloadLength));
            PayloadLength += sentence.Payload.Length;
            FillBits = sentence.FillBits;
            StationTime ??= sentence.StationTime;
            Received++;
        }
    }
}
