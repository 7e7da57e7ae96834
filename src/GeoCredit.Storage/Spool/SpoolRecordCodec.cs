using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using GeoCredit.Core.Tracking;

namespace GeoCredit.Storage.Spool;

/// <summary>
/// The payload of one spool record: a batch of positions in a compact little-endian layout (version 1).
/// Per report: object id and operator id (u16 length + UTF-8), kind, source, a presence bit set, fix and
/// receive time (UTC ticks), longitude, latitude, and the optional speed, course, heading and accuracy.
/// </summary>
internal static class SpoolRecordCodec
{
    private const byte Version = 1;

    public static void Encode(IReadOnlyList<PositionReport> batch, ArrayBufferWriter<byte> output)
    {
        Write(output, Version);
        WriteInt32(output, batch.Count);
        foreach (var report in batch)
        {
            WriteString(output, report.ObjectId);
            WriteString(output, report.OperatorId);
            Write(output, (byte)report.Kind);
            Write(output, (byte)report.Source);
            var present = (byte)((report.SpeedKmh.HasValue ? 1 : 0) | (report.Course.HasValue ? 2 : 0) |
                (report.Heading.HasValue ? 4 : 0) | (report.AccuracyM.HasValue ? 8 : 0));
            Write(output, present);
            WriteInt64(output, report.FixTime.UtcTicks);
            WriteInt64(output, report.ReceivedAt.UtcTicks);
            WriteDouble(output, report.Longitude);
            WriteDouble(output, report.Latitude);
            WriteOptional(output, report.SpeedKmh);
            WriteOptional(output, report.Course);
            WriteOptional(output, report.Heading);
            WriteOptional(output, report.AccuracyM);
        }
    }

    /// <summary>
    /// Reads a payload back; a payload that does not parse throws <see cref="InvalidDataException"/>.
    /// </summary>
    public static PositionReport[] Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new SpanReader(payload);
        if (reader.Byte() != Version)
        {
            throw new InvalidDataException("Unknown spool record version.");
        }

        var count = reader.Int32();
        if (count < 0 || count > payload.Length)
        {
            throw new InvalidDataException($"Implausible position count {count}.");
        }

        var batch = new PositionReport[count];
        for (var i = 0; i < count; i++)
        {
            var objectId = reader.String() ?? throw new InvalidDataException("A spooled position has no object id.");
            var operatorId = reader.String();
            var kind = (ObjectKind)reader.Byte();
            var source = (PositionSource)reader.Byte();
            var present = reader.Byte();
            var fixTime = new DateTimeOffset(reader.Int64(), TimeSpan.Zero);
            var receivedAt = new DateTimeOffset(reader.Int64(), TimeSpan.Zero);
            var lon = reader.Double();
            var lat = reader.Double();
            double? speed = (present & 1) != 0 ? reader.Double() : null;
            double? course = (present & 2) != 0 ? reader.Double() : null;
            double? heading = (present & 4) != 0 ? reader.Double() : null;
            double? accuracy = (present & 8) != 0 ? reader.Double() : null;
            batch[i] = new PositionReport(objectId, kind, fixTime, receivedAt, lon, lat, speed, course, heading,
                accuracy, source, operatorId);
        }

        return batch;
    }

    private static void Write(ArrayBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private static void WriteInt32(ArrayBufferWriter<byte> output, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    private static void WriteInt64(ArrayBufferWriter<byte> output, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    private static void WriteDouble(ArrayBufferWriter<byte> output, double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    private static void WriteOptional(ArrayBufferWriter<byte> output, double? value)
    {
        if (value is { } v)
        {
            WriteDouble(output, v);
        }
    }

    private static void WriteString(ArrayBufferWriter<byte> output, string? value)
    {
        if (value is null)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(output.GetSpan(2), ushort.MaxValue);
            output.Advance(2);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        BinaryPrimitives.WriteUInt16LittleEndian(output.GetSpan(2), checked((ushort)length));
        output.Advance(2);
        Encoding.UTF8.GetBytes(value, output.GetSpan(length));
        output.Advance(length);
    }

    private ref struct SpanReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _offset;

        public byte Byte() => Take(1)[0];

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

        public string? String()
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(Take(2));
            return length == ushort.MaxValue ? null : Encoding.UTF8.GetString(Take(length));
        }

        private ReadOnlySpan<byte> Take(int count)
        {
            if (_offset + count > _data.Length)
            {
                throw new InvalidDataException("The spool record ends early.");
            }

            var slice = _data.Slice(_offset, count);
            _offset += count;
            return slice;
        }
    }
}
