using System.Buffers.Binary;

namespace GeoCredit.Protocols.Jt808;

/// <summary>
/// A batch of location reports, message 0x0704: count u16, type u8 (0 normal, 1 blind-area re-upload of reports
/// stored while the terminal had no network), then per item a length u16 and a 0x0200 body. Decoding checks every
/// item, so enumerating a decoded batch cannot fail. Allocates nothing.
/// </summary>
public readonly ref struct Jt808LocationBatch
{
    private Jt808LocationBatch(ushort count, byte type, ReadOnlySpan<byte> items)
    {
        Count = count;
        Type = type;
        Items = items;
    }

    public ushort Count { get; }

    /// <summary>0 for normal reports, 1 for a blind-area re-upload.</summary>
    public byte Type { get; }

    public bool IsBlindAreaReupload => Type == 1;

    /// <summary>The undecoded items: length u16 and location body, repeated.</summary>
    public ReadOnlySpan<byte> Items { get; }

    public Enumerator GetEnumerator() => new(Items);

    public static bool TryDecode(ReadOnlySpan<byte> body, out Jt808LocationBatch batch, out Jt808Rejection rejection)
    {
        batch = default;
        if (body.Length < 3)
        {
            rejection = Jt808Rejection.Of(Jt808Reason.TruncatedBody);
            return false;
        }

        var count = BinaryPrimitives.ReadUInt16BigEndian(body);
        var items = body[3..];
        var rest = items;
        for (var i = 0; i < count; i++)
        {
            var length = ItemLength(rest);
            if (length < 0)
            {
                rejection = new Jt808Rejection(Jt808Reason.TruncatedBody,
                    $"The batch declares {count} reports but the body ends in report {i + 1}.");
                return false;
            }

            var item = rest.Slice(2, length);
            rest = rest[(2 + length)..];
            if (!Jt808LocationReport.TryDecode(item, out _, out var refused))
            {
                rejection = refused with { Message = $"Report {i + 1} of the batch: {refused.Message}" };
                return false;
            }
        }

        if (!rest.IsEmpty)
        {
            rejection = new Jt808Rejection(Jt808Reason.BodyLengthMismatch,
                $"The batch declares {count} reports but {rest.Length} bytes follow the last one.");
            return false;
        }

        batch = new Jt808LocationBatch(count, body[2], items);
        rejection = default;
        return true;
    }

    /// <summary>The length of the item at the start of <paramref name="rest"/>, or -1 when it overruns.</summary>
    private static int ItemLength(ReadOnlySpan<byte> rest)
    {
        if (rest.Length < 2)
        {
            return -1;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(rest);
        return rest.Length - 2 < length ? -1 : length;
    }

    /// <summary>The reports of a decoded batch, in order.</summary>
    public ref struct Enumerator
    {
        private ReadOnlySpan<byte> _rest;

        internal Enumerator(ReadOnlySpan<byte> items)
        {
            _rest = items;
            Current = default;
        }

        public Jt808LocationReport Current { get; private set; }

        public bool MoveNext()
        {
            var length = ItemLength(_rest);
            if (length < 0)
            {
                return false;
            }

            var item = _rest.Slice(2, length);
            _rest = _rest[(2 + length)..];
            if (!Jt808LocationReport.TryDecode(item, out var report, out _))
            {
                return false;
            }

            Current = report;
            return true;
        }
    }
}
