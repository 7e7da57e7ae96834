using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using GeoCredit.Protocols.Ais;
using GeoCredit.Protocols.Jt808;

namespace GeoCredit.Benchmarks.Protocols;

/// <summary>
/// Decoding one AIS type 1 sentence and one JT/T 808 0x0200 frame, as the listeners do per input, against a
/// baseline every decoder of that format must pay anyway: the checksum over the same bytes.
/// </summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    // gpsd test/sample.aivdm (BSD-2-Clause): a class A position report of MMSI 371798000.
    private static readonly byte[] Type1 = Encoding.ASCII.GetBytes("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A");

    // xtream-codec (Mulan PSL v2), a 2019 0x0200 location report; the first frame of the tests' published-frames.txt.
    private static readonly byte[] Location = Convert.FromHexString(
        "7e02004026010000000001391234432900000000006f0000001601dc9a0707456246007b00420003250129223344" +
        "0202006401040000000c417e");

    private readonly AisDecoder _ais = new(TimeProvider.System);
    private readonly Jt808FrameReader _frames = new();
    private readonly byte[] _frameBuffer = new byte[4096];
    private ReadOnlySequence<byte> _location;

    [GlobalSetup]
    public void Setup() => _location = new ReadOnlySequence<byte>(Location);

    [Benchmark(Baseline = true, Description = "AIS: NMEA checksum only")]
    public int AisChecksum()
    {
        var sum = 0;
        var span = Type1.AsSpan(1, Type1.Length - 4);
        foreach (var b in span)
        {
            sum ^= b;
        }

        return sum;
    }

    [Benchmark(Description = "AIS: decode type 1")]
    public double AisDecodeType1()
    {
        var outcome = _ais.Decode(Type1.AsSpan());
        return outcome.Message.Position!.Value.Latitude!.Value;
    }

    [Benchmark(Description = "JT/T 808: XOR check only")]
    public int Jt808Check()
    {
        var sum = 0;
        foreach (var b in Location.AsSpan(1, Location.Length - 3))
        {
            sum ^= b;
        }

        return sum;
    }

    [Benchmark(Description = "JT/T 808: decode 0x0200")]
    public double Jt808DecodeLocation()
    {
        var result = _frames.Read(_location, _frameBuffer);
        Jt808LocationReport.TryDecode(result.Frame.Body, out var report, out _);
        return report.Latitude;
    }
}
