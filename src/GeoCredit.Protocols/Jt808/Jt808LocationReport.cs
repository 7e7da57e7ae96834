using System.Buffers.Binary;

namespace GeoCredit.Protocols.Jt808;

/// <summary>
/// A location report, the body of message 0x0200 and of each item of 0x0704 (JT/T 808-2013, 8.18): the 28-byte
/// basic information, then additional items as id u8, length u8, value. A view into the frame's buffer that
/// allocates nothing; the known additional items are decoded into properties, every item stays available raw
/// through <see cref="EnumerateAdditionalItems"/>.
/// </summary>
/// <remarks>
/// Coordinates are not range-checked here: the decoder reports what the terminal sent, and
/// <c>PositionValidator</c> refuses impossible values the same way for every wire.
/// </remarks>
public readonly ref struct Jt808LocationReport
{
    /// <summary>Alarm, status, latitude, longitude u32; altitude, speed, direction u16; time BCD[6].</summary>
    public const int BasicLength = 28;

    public uint Alarm { get; init; }

    public uint Status { get; init; }

    /// <summary>Latitude as sent: unsigned millionths of a degree; the hemisphere is status bit 2.</summary>
    public uint LatitudeMicrodegrees { get; init; }

    /// <summary>Longitude as sent: unsigned millionths of a degree; the hemisphere is status bit 3.</summary>
    public uint LongitudeMicrodegrees { get; init; }

    /// <summary>Metres above sea level.</summary>
    public ushort Altitude { get; init; }

    /// <summary>Speed as sent, in 0.1 km/h.</summary>
    public ushort SpeedTenthsKmh { get; init; }

    /// <summary>Degrees clockwise from true north, 0 to 359.</summary>
    public ushort Direction { get; init; }

    /// <summary>The fix time, terminal clock, with the protocol's +08:00 offset.</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>Every additional item, undecoded: id u8, length u8, value, repeated.</summary>
    public ReadOnlySpan<byte> AdditionalItems { get; init; }

    /// <summary>Item 0x01: odometer in 0.1 km.</summary>
    public uint? MileageTenthsKm { get; init; }

    /// <summary>Item 0x02: fuel in 0.1 L.</summary>
    public ushort? FuelTenthsLitres { get; init; }

    /// <summary>Item 0x03: speed from the driving recorder in 0.1 km/h.</summary>
    public ushort? RecorderSpeedTenthsKmh { get; init; }

    /// <summary>Item 0x25: extended vehicle signal status bits.</summary>
    public uint? ExtendedSignalStatus { get; init; }

    /// <summary>Item 0x2A: IO status bits.</summary>
    public ushort? IoStatus { get; init; }

    /// <summary>Item 0x30: wireless network signal strength.</summary>
    public byte? SignalStrength { get; init; }

    /// <summary>Item 0x31: GNSS satellites in view.</summary>
    public byte? SatelliteCount { get; init; }

    /// <summary>Status bit 1: the fix is valid (positioned).</summary>
    public bool IsPositioned => (Status & (1u << 1)) != 0;

    /// <summary>Status bit 2: south latitude.</summary>
    public bool IsSouth => (Status & (1u << 2)) != 0;

    /// <summary>Status bit 3: west longitude.</summary>
    public bool IsWest => (Status & (1u << 3)) != 0;

    /// <summary>Degrees, negative in the south.</summary>
    public double Latitude => (IsSouth ? -1 : 1) * (LatitudeMicrodegrees / 1e6);

    /// <summary>Degrees, negative in the west.</summary>
    public double Longitude => (IsWest ? -1 : 1) * (LongitudeMicrodegrees / 1e6);

    public double SpeedKmh => SpeedTenthsKmh / 10.0;

    public double? MileageKm => MileageTenthsKm / 10.0;

    public double? FuelLitres => FuelTenthsLitres / 10.0;

    public double? RecorderSpeedKmh => RecorderSpeedTenthsKmh / 10.0;

    public Jt808AdditionalItemEnumerator EnumerateAdditionalItems() => new(AdditionalItems);

    /// <summary>Decodes a location body; never throws.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> body, out Jt808LocationReport report, out Jt808Rejection rejection)
    {
        report = default;
        if (body.Length < BasicLength)
        {
            rejection = new Jt808Rejection(Jt808Reason.TruncatedBody,
                $"A location report needs {BasicLength} bytes of basic information; the body has {body.Length}.");
            return false;
        }

        var timeReason = Jt808Bcd.TryReadTime(body.Slice(22, 6), out var time);
        if (timeReason != Jt808Reason.None)
        {
            rejection = Jt808Rejection.Of(timeReason);
            return false;
        }

        var items = body[BasicLength..];
        if (!TryReadKnownItems(items, out var known))
        {
            rejection = Jt808Rejection.Of(Jt808Reason.BadAdditionalItem);
            return false;
        }

        report = new Jt808LocationReport
        {
            Alarm = BinaryPrimitives.ReadUInt32BigEndian(body),
            Status = BinaryPrimitives.ReadUInt32BigEndian(body[4..]),
            LatitudeMicrodegrees = BinaryPrimitives.ReadUInt32BigEndian(body[8..]),
            LongitudeMicrodegrees = BinaryPrimitives.ReadUInt32BigEndian(body[12..]),
            Altitude = BinaryPrimitives.ReadUInt16BigEndian(body[16..]),
            SpeedTenthsKmh = BinaryPrimitives.ReadUInt16BigEndian(body[18..]),
            Direction = BinaryPrimitives.ReadUInt16BigEndian(body[20..]),
            Time = time,
            AdditionalItems = items,
            MileageTenthsKm = known.Mileage,
            FuelTenthsLitres = known.Fuel,
            RecorderSpeedTenthsKmh = known.RecorderSpeed,
            ExtendedSignalStatus = known.ExtendedSignalStatus,
            IoStatus = known.IoStatus,
            SignalStrength = known.SignalStrength,
            SatelliteCount = known.SatelliteCount,
        };
        rejection = default;
        return true;
    }

    private static bool TryReadKnownItems(ReadOnlySpan<byte> items, out KnownItems known)
    {
        known = default;
        var enumerator = new Jt808AdditionalItemEnumerator(items);
        while (enumerator.MoveNext())
        {
            var item = enumerator.Current;
            var value = item.Value;

            // Known items have fixed lengths (JT/T 808-2013, 8.18, additional information table); an item of
            // another length is not what the terminal says it is.
            if (item.IsKnown && value.Length != KnownLength(item.Id))
            {
                return false;
            }

            switch (item.Id)
            {
                case Jt808AdditionalItem.Mileage:
                    known.Mileage = BinaryPrimitives.ReadUInt32BigEndian(value);
                    break;
                case Jt808AdditionalItem.Fuel:
                    known.Fuel = BinaryPrimitives.ReadUInt16BigEndian(value);
                    break;
                case Jt808AdditionalItem.RecorderSpeed:
                    known.RecorderSpeed = BinaryPrimitives.ReadUInt16BigEndian(value);
                    break;
                case Jt808AdditionalItem.ExtendedSignalStatus:
                    known.ExtendedSignalStatus = BinaryPrimitives.ReadUInt32BigEndian(value);
                    break;
                case Jt808AdditionalItem.IoStatus:
                    known.IoStatus = BinaryPrimitives.ReadUInt16BigEndian(value);
                    break;
                case Jt808AdditionalItem.SignalStrength:
                    known.SignalStrength = value[0];
                    break;
                case Jt808AdditionalItem.SatelliteCount:
                    known.SatelliteCount = value[0];
                    break;
                default:
                    break;
            }
        }

        return !enumerator.Overran;
    }

    private static int KnownLength(byte id) => id switch
    {
        Jt808AdditionalItem.Mileage or Jt808AdditionalItem.ExtendedSignalStatus => 4,
        Jt808AdditionalItem.Fuel or Jt808AdditionalItem.RecorderSpeed or Jt808AdditionalItem.IoStatus => 2,
        _ => 1,
    };

    private struct KnownItems
    {
        public uint? Mileage;
        public ushort? Fuel;
        public ushort? RecorderSpeed;
        public uint? ExtendedSignalStatus;
        public ushort? IoStatus;
        public byte? SignalStrength;
        public byte? SatelliteCount;
    }
}

/// <summary>One additional item of a location report: its id and undecoded value.</summary>
public readonly ref struct Jt808AdditionalItem
{
    public const byte Mileage = 0x01;
    public const byte Fuel = 0x02;
    public const byte RecorderSpeed = 0x03;
    public const byte ExtendedSignalStatus = 0x25;
    public const byte IoStatus = 0x2A;
    public const byte SignalStrength = 0x30;
    public const byte SatelliteCount = 0x31;

    public Jt808AdditionalItem(byte id, ReadOnlySpan<byte> value)
    {
        Id = id;
        Value = value;
    }

    public byte Id { get; }

    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Whether <see cref="Jt808LocationReport"/> decodes this item into a property.</summary>
    public bool IsKnown => Id is Mileage or Fuel or RecorderSpeed or ExtendedSignalStatus or IoStatus
        or SignalStrength or SatelliteCount;
}

/// <summary>Walks the additional items of a location report; stops at the first item that overruns the body.</summary>
public ref struct Jt808AdditionalItemEnumerator
{
    private ReadOnlySpan<byte> _rest;

    public Jt808AdditionalItemEnumerator(ReadOnlySpan<byte> items)
    {
        _rest = items;
        Current = default;
        Overran = false;
    }

    public Jt808AdditionalItem Current { get; private set; }

    /// <summary>True when enumeration stopped because an item's header or value runs past the end.</summary>
    public bool Overran { get; private set; }

    public readonly Jt808AdditionalItemEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_rest.IsEmpty || Overran)
        {
            return false;
        }

        if (_rest.Length < 2 || _rest.Length - 2 < _rest[1])
        {
            Overran = true;
            return false;
        }

        Current = new Jt808AdditionalItem(_rest[0], _rest.Slice(2, _rest[1]));
        _rest = _rest[(2 + _rest[1])..];
        return true;
    }
}
