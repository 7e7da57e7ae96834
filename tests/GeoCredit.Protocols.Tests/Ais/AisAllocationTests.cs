using System.Text;

namespace GeoCredit.Protocols.Tests.Ais;

/// <summary>
/// The hot path of a TCP listener: a single-sentence class A report in, a position out, nothing on the heap.
/// This counts bytes allocated on the test thread; it does not time anything.
/// </summary>
public sealed class AisAllocationTests
{
    private const int WarmUp = 2_000;
    private const int Measured = 20_000;

    // gpsd test/sample.aivdm, type 1 "From Kurt Schwehr" (Copyright (c) 2010 the GPSD project, BSD-2-Clause).
    private const string Type1 = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";

    [Fact]
    public void Decode_type1_from_chars_allocates_nothing_after_warm_up()
    {
        var decoder = AisSentences.NewDecoder(out _);

        var bytes = Allocated(() => decoder.Decode(Type1.AsSpan()).Message.Position!.Value.Latitude!.Value);

        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Decode_type1_from_bytes_allocates_nothing_after_warm_up()
    {
        var decoder = AisSentences.NewDecoder(out _);
        var line = Encoding.ASCII.GetBytes(Type1 + "\r\n");

        var bytes = Allocated(() => decoder.Decode(line).Message.Position!.Value.Latitude!.Value);

        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Decode_type1_with_a_repeated_tag_block_station_allocates_nothing_after_warm_up()
    {
        var decoder = AisSentences.NewDecoder(out _);
        var line = Encoding.ASCII.GetBytes(@"\s:2573535,c:1671533231*08\" + Type1);

        var bytes = Allocated(() => decoder.Decode(line).Message.Position!.Value.Latitude!.Value);

        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Decode_type1_while_a_multipart_message_is_pending_allocates_nothing_after_warm_up()
    {
        var decoder = AisSentences.NewDecoder(out _);
        decoder.Decode("!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C");
        var line = Encoding.ASCII.GetBytes(Type1);

        var bytes = Allocated(() => decoder.Decode(line).Message.Position!.Value.Latitude!.Value);

        Assert.Equal(0, bytes);
        Assert.Equal(1, decoder.PendingMessages);
    }

    /// <summary>Runs the decode many times after a warm-up and returns the bytes the loop allocated.</summary>
    private static long Allocated(DecodeOnce decode)
    {
        var sum = 0.0;
        for (var i = 0; i < WarmUp; i++)
        {
            sum += decode();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Measured; i++)
        {
            sum += decode();
        }

        var after = GC.GetAllocatedBytesForCurrentThread();

        Assert.NotEqual(0.0, sum);
        return after - before;
    }

    private delegate double DecodeOnce();
}
