using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using GeoCredit.Core.Tracking;
using Microsoft.Extensions.Logging;

namespace GeoCredit.Storage.Spool;

/// <summary>
/// A durable, append-only queue of position batches on local disk, for while the database cannot take them.
/// Each batch is one record: a magic number, the payload length, the CRC-32 of the payload, the payload
/// (<see cref="SpoolRecordCodec"/>). Every append is flushed to the disk before it returns, so an
/// acknowledged batch survives a crash. A record torn by a crash mid-write, or damaged on disk, fails its
/// length or checksum and is skipped with a warning; the records around it are read as usual.
/// Records live in segment files read in name order. Not thread-safe: one writer loop owns it.
/// </summary>
public sealed partial class PositionSpool : IDisposable
{
    private const uint Magic = 0x50534347; // "GCSP"
    private const int HeaderLength = 12;
    private const int MaxPayloadLength = 64 * 1024 * 1024;
    private const string SegmentPattern = "spool-*.seg";

    private static int _segmentCounter;

    private readonly string _directory;
    private readonly ILogger _logger;
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private FileStream? _current;
    private long _pendingPositions;

    public PositionSpool(string directory, ILogger<PositionSpool> logger)
    {
        _directory = Path.GetFullPath(directory);
        _logger = logger;
        Directory.CreateDirectory(_directory);
        _pendingPositions = CountPending();
    }

    /// <summary>Whether nothing waits in the spool.</summary>
    public bool IsEmpty => _pendingPositions == 0 && Segments().Length == 0;

    /// <summary>How many positions wait in the spool (as far as its records can be read).</summary>
    public long PendingPositions => Interlocked.Read(ref _pendingPositions);

    public string SpoolDirectory => _directory;

    /// <summary>Appends a batch and flushes it to the disk.</summary>
    public void Append(IReadOnlyList<PositionReport> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        _buffer.ResetWrittenCount();
        SpoolRecordCodec.Encode(batch, _buffer);
        var payload = _buffer.WrittenSpan;

        Span<byte> header = stackalloc byte[HeaderLength];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Crc32.HashToUInt32(payload));

        _current ??= OpenNewSegment();
        _current.Write(header);
        _current.Write(payload);
        _current.Flush(flushToDisk: true);
        Interlocked.Add(ref _pendingPositions, batch.Count);
    }

    /// <summary>Closes the segment being written, so that later appends start a new one, and lists every
    /// segment oldest first.</summary>
    public IReadOnlyList<string> CloseAndListSegments()
    {
        CloseCurrent();
        return Segments();
    }

    /// <summary>The readable batches of one segment, oldest first; damaged records are skipped and logged.</summary>
    public IEnumerable<IReadOnlyList<PositionReport>> Read(string segment) =>
        ReadSegment(segment).Select(batch => batch.Positions);

    /// <summary>Removes a segment whose batches are stored.</summary>
    public void Remove(string segment)
    {
        if (_current is not null && _current.Name == segment)
        {
            CloseCurrent();
        }

        File.Delete(segment);
        _pendingPositions = CountPending();
    }

    public void Dispose() => CloseCurrent();

    private IEnumerable<SpooledBatch> ReadSegment(string segment)
    {
        byte[] data;
        try
        {
            data = File.ReadAllBytes(segment);
        }
        catch (IOException e)
        {
            LogUnreadableSegment(_logger, segment, e.Message);
            yield break;
        }

        var offset = 0;
        while (offset < data.Length)
        {
            var (batch, next) = ReadRecord(segment, data, offset);
            if (batch is not null)
            {
                yield return new SpooledBatch(segment, batch);
            }

            offset = next;
        }
    }

    private (PositionReport[]? Batch, int Next) ReadRecord(string segment, byte[] data, int offset)
    {
        var remaining = data.Length - offset;
        if (remaining < HeaderLength)
        {
            LogTornRecord(_logger, segment, offset, remaining);
            return (null, data.Length);
        }

        var header = data.AsSpan(offset, HeaderLength);
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic)
        {
            var resume = FindMagic(data, offset + 1);
            LogDamagedRecord(_logger, segment, offset, resume - offset);
            return (null, resume);
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        if (length < 0 || length > MaxPayloadLength || length > remaining - HeaderLength)
        {
            // A crash in the middle of an append leaves a record whose payload runs past the end of the file.
            if (length >= 0 && length <= MaxPayloadLength && FindMagic(data, offset + 1) == data.Length)
            {
                LogTornRecord(_logger, segment, offset, remaining);
                return (null, data.Length);
            }

            var resume = FindMagic(data, offset + 1);
            LogDamagedRecord(_logger, segment, offset, resume - offset);
            return (null, resume);
        }

        var payload = data.AsSpan(offset + HeaderLength, length);
        if (Crc32.HashToUInt32(payload) != BinaryPrimitives.ReadUInt32LittleEndian(header[8..]))
        {
            var resume = FindMagic(data, offset + 1);
            LogDamagedRecord(_logger, segment, offset, resume - offset);
            return (null, resume);
        }

        try
        {
            return (SpoolRecordCodec.Decode(payload), offset + HeaderLength + length);
        }
        catch (InvalidDataException)
        {
            LogDamagedRecord(_logger, segment, offset, HeaderLength + length);
            return (null, offset + HeaderLength + length);
        }
    }

    private static int FindMagic(byte[] data, int from)
    {
        Span<byte> magic = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(magic, Magic);
        var found = data.AsSpan(Math.Min(from, data.Length)).IndexOf(magic);
        return found < 0 ? data.Length : from + found;
    }

    private long CountPending()
    {
        long count = 0;
        foreach (var segment in Segments())
        {
            foreach (var batch in ReadSegment(segment))
            {
                count += batch.Positions.Count;
            }
        }

        return count;
    }

    private string[] Segments() =>
        Directory.EnumerateFiles(_directory, SegmentPattern).Order(StringComparer.Ordinal).ToArray();

    private FileStream OpenNewSegment()
    {
        // Names sort in creation order; the counter keeps two segments of the same tick apart.
        var name = string.Create(CultureInfo.InvariantCulture,
            $"spool-{DateTime.UtcNow.Ticks:D19}-{Interlocked.Increment(ref _segmentCounter):D6}.seg");
        return new FileStream(Path.Combine(_directory, name), FileMode.CreateNew, FileAccess.Write, FileShare.Read);
    }

    private void CloseCurrent()
    {
        _current?.Dispose();
        _current = null;
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Warning,
        Message = "Spool segment {Segment} has a torn last record at byte {Offset} ({Length} bytes): skipped")]
    private static partial void LogTornRecord(ILogger logger, string segment, int offset, int length);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning,
        Message = "Spool segment {Segment} has a damaged record at byte {Offset}: skipped {Length} bytes")]
    private static partial void LogDamagedRecord(ILogger logger, string segment, int offset, int length);

    [LoggerMessage(EventId = 502, Level = LogLevel.Error, Message = "Spool segment {Segment} cannot be read: {Reason}")]
    private static partial void LogUnreadableSegment(ILogger logger, string segment, string reason);
}

/// <summary>A batch read back from the spool, with the segment it came from.</summary>
public sealed record SpooledBatch(string Segment, IReadOnlyList<PositionReport> Positions);
