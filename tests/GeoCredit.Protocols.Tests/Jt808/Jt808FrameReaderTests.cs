using System.Buffers;
using GeoCredit.Protocols.Jt808;
using static GeoCredit.Protocols.Tests.Jt808.Jt808TestFrames;

namespace GeoCredit.Protocols.Tests.Jt808;

public sealed class Jt808FrameReaderTests
{
    [Fact]
    public void Read_published_location_frame_gives_header_and_body()
    {
        var events = Jt808ReaderLoop.ReadAll(Hex(Published.Location2019));

        var frame = Assert.Single(events);
        Assert.Equal(Jt808ReadStatus.Frame, frame.Status);
        Assert.Equal(0x0200, frame.Header.MessageId);
        Assert.Equal(38, frame.Body.Length);
    }

    [Fact]
    public void Read_body_with_flag_and_escape_bytes_round_trips()
    {
        byte[] body = [0x7e, 0x01, 0x7d, 0x02, 0x7d, 0x7e, 0x7e, 0x7d, 0x00];
        var frame = Frame(Header2013(0x0900, body.Length, "013912344323", 0x7e7d), body);

        var events = Jt808ReaderLoop.ReadAll(frame);

        // The test's own escaping must have produced both escape pairs, and no stray flag inside.
        Assert.Equal(2, frame.Count(b => b == 0x7e));
        Assert.Contains("7D02", Convert.ToHexString(frame), StringComparison.Ordinal);
        Assert.Contains("7D01", Convert.ToHexString(frame), StringComparison.Ordinal);
        var read = Assert.Single(events);
        Assert.Equal(Jt808ReadStatus.Frame, read.Status);
        Assert.Equal(body, read.Body);
        Assert.Equal(0x7e7d, read.Header.Serial);
    }

    [Fact]
    public void Read_frame_with_wrong_check_code_refuses_bad_check_code()
    {
        var frame = Hex(Published.Location2019);
        frame[^2] ^= 0x01;

        var events = Jt808ReaderLoop.ReadAll(frame);

        var refused = Assert.Single(events);
        Assert.Equal(Jt808ReadStatus.Rejected, refused.Status);
        Assert.Equal("bad_check_code", refused.Rejection.Code);
    }

    [Fact]
    public void Read_garbage_before_and_between_frames_reports_it_and_finds_every_frame()
    {
        var frame = Hex(Published.Location2019);
        byte[] input = [0x01, 0x02, 0x03, .. frame, 0xAA, 0xBB, .. frame];

        var events = Jt808ReaderLoop.ReadAll(input);

        Assert.Equal(
            [Jt808ReadStatus.Rejected, Jt808ReadStatus.Frame, Jt808ReadStatus.Rejected, Jt808ReadStatus.Frame],
            events.Select(e => e.Status));
        Assert.All(events.Where(e => e.Status == Jt808ReadStatus.Rejected),
            e => Assert.Equal("garbage_between_frames", e.Rejection.Code));
        Assert.Equal([3L, 2L], events.Where(e => e.Status == Jt808ReadStatus.Rejected).Select(e => e.Skipped));
    }

    [Fact]
    public void Read_frame_split_across_segments_gives_the_same_frame_at_every_cut()
    {
        byte[] body = [0x7d, 0x7e, 0x10, 0x7d];
        var frame = Frame(Header2019(0x0900, body.Length, "00000000013912344329", 7), body);

        for (var cut = 1; cut < frame.Length; cut++)
        {
            var events = Jt808ReaderLoop.ReadAll(Segments(frame, cut));

            var read = Assert.Single(events);
            Assert.Equal(Jt808ReadStatus.Frame, read.Status);
            Assert.Equal(body, read.Body);
        }
    }

    [Fact]
    public void Read_frame_split_into_single_byte_segments_gives_the_frame()
    {
        var frame = Hex(Published.Batch2019);

        var events = Jt808ReaderLoop.ReadAll(Segments(frame, [.. Enumerable.Range(1, frame.Length - 1)]));

        Assert.Equal(Jt808ReadStatus.Frame, Assert.Single(events).Status);
    }

    [Fact]
    public void Read_incomplete_frame_asks_for_more_and_keeps_the_opening_flag()
    {
        var frame = Hex(Published.Location2019);
        byte[] input = [0x55, .. frame[..20]];
        var sequence = new ReadOnlySequence<byte>(input);
        using var reader = new Jt808FrameReader();

        var garbage = reader.Read(sequence);
        var garbageStatus = garbage.Status;
        var rest = sequence.Slice(garbage.Consumed);
        var more = reader.Read(rest);

        Assert.Equal(Jt808ReadStatus.Rejected, garbageStatus);
        Assert.Equal(Jt808ReadStatus.NeedMoreData, more.Status);
        Assert.Equal(1, sequence.Slice(0, more.Consumed).Length);
    }

    [Fact]
    public void Read_frame_arriving_in_two_reads_is_found_on_the_second()
    {
        var frame = Hex(Published.Location2019);
        using var reader = new Jt808FrameReader();
        var first = new ReadOnlySequence<byte>(frame[..30]);

        var partial = reader.Read(first);
        var partialStatus = partial.Status;
        var kept = first.Slice(partial.Consumed).ToArray();
        var whole = reader.Read(new ReadOnlySequence<byte>([.. kept, .. frame[30..]]));

        Assert.Equal(Jt808ReadStatus.NeedMoreData, partialStatus);
        Assert.Equal(Jt808ReadStatus.Frame, whole.Status);
        Assert.Equal(0x0200, whole.Frame.MessageId);
    }

    [Fact]
    public void Read_frame_over_the_maximum_is_refused_and_the_next_frame_is_found()
    {
        var big = new byte[300];
        var oversize = Frame(Header2013(0x0900, 0x3FF, "013912344323", 1), big);
        var options = new Jt808FrameReaderOptions { MaxFrameLength = 200 };

        var events = Jt808ReaderLoop.ReadAll([.. oversize, .. Hex(Published.Location2019)], options);

        Assert.Equal([Jt808ReadStatus.Rejected, Jt808ReadStatus.Frame], events.Select(e => e.Status));
        Assert.Equal("frame_too_long", events[0].Rejection.Code);
    }

    [Fact]
    public void Read_unterminated_frame_over_the_maximum_is_refused_once_and_its_tail_dropped()
    {
        var options = new Jt808FrameReaderOptions { MaxFrameLength = 64 };
        using var reader = new Jt808FrameReader(options);
        byte[] head = [0x7e, .. new byte[200]];
        byte[] tail = [.. new byte[50], 0x7e, .. Hex(Published.Location2019)];

        var first = reader.Read(new ReadOnlySequence<byte>(head));
        var firstCode = first.Rejection.Code;
        var consumed = (int)new ReadOnlySequence<byte>(head).Slice(0, first.Consumed).Length;
        var events = new List<Jt808ReadStatus>();
        var input = new ReadOnlySequence<byte>([.. head[consumed..], .. tail]);
        while (true)
        {
            var result = reader.Read(input);
            if (result.Status == Jt808ReadStatus.NeedMoreData)
            {
                break;
            }

            events.Add(result.Status);
            input = input.Slice(result.Consumed);
        }

        Assert.Equal("frame_too_long", firstCode);
        Assert.InRange(consumed, 2, head.Length - 1);
        Assert.Equal([Jt808ReadStatus.Frame], events);
    }

    [Theory]
    [InlineData("7e 0002 7e", "frame_too_short")]
    [InlineData("7e 0002 0000 013912344323 0001 7d03 7e", "bad_escape")]
    [InlineData("7e 0002 0000 013912344323 0001 7d 7e", "bad_escape")]
    public void Read_malformed_frame_gives_its_reason(string hex, string code)
    {
        var events = Jt808ReaderLoop.ReadAll(Hex(hex));

        Assert.Equal(code, Assert.Single(events).Rejection.Code);
    }

    [Fact]
    public void Read_frame_whose_body_length_disagrees_with_the_header_refuses_body_length_mismatch()
    {
        var frame = Frame(Header2013(0x0200, 27, "013912344323", 1), LocationBody());

        var events = Jt808ReaderLoop.ReadAll(frame);

        Assert.Equal("body_length_mismatch", Assert.Single(events).Rejection.Code);
    }

    [Fact]
    public void Read_bad_frame_leaves_its_closing_flag_so_the_following_frame_is_found()
    {
        // A frame whose own opening flag was lost: the closing flag of the refused frame before it opens it.
        var frame = Hex(Published.Location2019);
        byte[] input = [0x7e, 0x11, 0x22, 0x33, .. frame];

        var events = Jt808ReaderLoop.ReadAll(input);

        Assert.Equal([Jt808ReadStatus.Rejected, Jt808ReadStatus.Frame], events.Select(e => e.Status));
        Assert.Equal("frame_too_short", events[0].Rejection.Code);
    }

    [Fact]
    public void Read_adjacent_flags_are_skipped_without_a_refusal()
    {
        var frame = Hex(Published.Location2019);

        var events = Jt808ReaderLoop.ReadAll([0x7e, 0x7e, .. frame, 0x7e, .. frame]);

        Assert.Equal([Jt808ReadStatus.Frame, Jt808ReadStatus.Frame], events.Select(e => e.Status));
    }

    [Fact]
    public void Read_into_a_buffer_smaller_than_the_maximum_is_a_programming_error()
    {
        using var reader = new Jt808FrameReader();
        var input = new ReadOnlySequence<byte>(Hex(Published.Location2019));

        Assert.Throws<ArgumentException>(() => reader.Read(input, new byte[100]));
    }

    [Fact]
    public void Read_into_a_caller_buffer_gives_a_frame_in_that_buffer()
    {
        using var reader = new Jt808FrameReader();
        var buffer = new byte[reader.MaxFrameLength];

        var result = reader.Read(new ReadOnlySequence<byte>(Hex(Published.Location2019)), buffer);

        Assert.Equal(Jt808ReadStatus.Frame, result.Status);
        Assert.Equal(0x02, buffer[0]);
        Assert.Equal(result.Frame.Body[0], buffer[result.Frame.Header.Length]);
    }
}
