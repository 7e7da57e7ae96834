using System.Buffers;
using GeoCredit.Protocols.Jt808;
using static GeoCredit.Protocols.Tests.Jt808.Jt808TestFrames;

namespace GeoCredit.Protocols.Tests.Jt808;

/// <summary>The hot path (unescape, check, header, location body) allocates nothing once warmed up.</summary>
public sealed class Jt808AllocationTests
{
    [Fact]
    public void Decode_location_frames_allocates_nothing_after_warm_up()
    {
        var single = new ReadOnlySequence<byte>(Hex(Published.Location2019));
        var split = Segments(Hex(Published.Location2019), 7, 31);
        using var reader = new Jt808FrameReader();
        var buffer = new byte[reader.MaxFrameLength];
        DecodeMany(reader, single, split, buffer, 2_000);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var decoded = DecodeMany(reader, single, split, buffer, 20_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(3 * 20_000, decoded);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Decode_location_batch_allocates_nothing_after_warm_up()
    {
        var input = new ReadOnlySequence<byte>(Hex(Published.Batch2019));
        using var reader = new Jt808FrameReader();
        DecodeBatches(reader, input, 2_000);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var reports = DecodeBatches(reader, input, 20_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(2 * 20_000, reports);
        Assert.Equal(0, allocated);
    }

    private static int DecodeMany(
        Jt808FrameReader reader,
        ReadOnlySequence<byte> single,
        ReadOnlySequence<byte> split,
        byte[] buffer,
        int count)
    {
        var decoded = 0;
        for (var i = 0; i < count; i++)
        {
            decoded += DecodeOne(reader.Read(single, buffer));
            decoded += DecodeOne(reader.Read(split, buffer));
            decoded += DecodeOne(reader.Read(single));
        }

        return decoded;
    }

    private static int DecodeOne(Jt808ReadResult result)
    {
        if (result.Status != Jt808ReadStatus.Frame
            || !Jt808LocationReport.TryDecode(result.Frame.Body, out var report, out _))
        {
            return 0;
        }

        // Touch what a server reads, including the terminal number without making a string of it.
        return report.Latitude < 0 && report.Time.Year == 2025 && report.MileageKm > 1
            && result.Frame.Header.Terminal.DigitCount == 20 ? 1 : 0;
    }

    private static int DecodeBatches(Jt808FrameReader reader, ReadOnlySequence<byte> input, int count)
    {
        var reports = 0;
        for (var i = 0; i < count; i++)
        {
            var result = reader.Read(input);
            if (result.Status == Jt808ReadStatus.Frame
                && Jt808LocationBatch.TryDecode(result.Frame.Body, out var batch, out _))
            {
                foreach (var report in batch)
                {
                    reports += report.Altitude > 0 ? 1 : 0;
                }
            }
        }

        return reports;
    }
}
