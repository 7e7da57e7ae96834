using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;
using GeoCredit.Protocols.Jt808;
using Microsoft.Extensions.Time.Testing;
using static GeoCredit.Protocols.Tests.Jt808.Jt808TestFrames;

namespace GeoCredit.Protocols.Tests.Jt808;

/// <summary>Random and mutated input through every decoder: nothing throws, every refusal is explained.</summary>
public sealed partial class Jt808FuzzTests
{
    private static readonly byte[][] ValidFrames =
    [
        Hex(Published.Location2019),
        Hex(Published.Batch2019),
        Hex(Published.PlatformReply2019),
        Hex(Published.RegistrationReply2019),
        Hex(Published.Retransmit2013),
        Location2013(LocationBody(status: 0b1110, items: [Item(0x01, U32(1)), Item(0x31, 5), Item(0xE0, 0x7e)])),
        Frame(Header2013(0x0801, 4, "013912344323", 3, total: 2, index: 1), [0x7d, 0x7e, 1, 2]),
        Frame(Header2019(0x0100, 3, "00000000013912344329", 0x7e7e), [1, 2, 3]),
    ];

    [Fact]
    public void Reader_random_bytes_never_throw_and_every_refusal_is_explained()
    {
        var random = new Random(808);

        for (var i = 0; i < 2000; i++)
        {
            var data = new byte[random.Next(0, 200)];
            random.NextBytes(data);
            for (var j = 0; j < data.Length; j++)
            {
                // Flags and escapes are what the reader reacts to; make them common.
                data[j] = random.Next(8) switch { 0 => 0x7e, 1 => 0x7d, _ => data[j] };
            }

            CheckEverything(data, random);
        }
    }

    [Fact]
    public void Reader_mutated_valid_frames_never_throw_and_every_refusal_is_explained()
    {
        var random = new Random(2019);

        for (var i = 0; i < 3000; i++)
        {
            var data = Mutate(ValidFrames[random.Next(ValidFrames.Length)], random);

            CheckEverything(data, random);
        }
    }

    private static void CheckEverything(byte[] data, Random random)
    {
        var cuts = Enumerable.Range(0, random.Next(0, 4))
            .Select(_ => random.Next(0, data.Length + 1))
            .Order()
            .ToArray();
        var input = Segments(data, cuts);
        using var reader = new Jt808FrameReader();
        var assembler = new Jt808SubPackageAssembler(new FakeTimeProvider());

        for (var steps = 0; ; steps++)
        {
            Assert.True(steps <= data.Length + 1, "The reader must consume input on every result.");
            var result = reader.Read(input);
            if (result.Status == Jt808ReadStatus.NeedMoreData)
            {
                break;
            }

            var before = input.Length;
            input = input.Slice(result.Consumed);
            Assert.True(input.Length < before);
            if (result.Status == Jt808ReadStatus.Rejected)
            {
                AssertExplained(result.Rejection);
                continue;
            }

            DecodeBody(result.Frame, assembler);
        }

        var output = Jt808JsonWriter.Format(Convert.ToHexString(data));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            if (json.RootElement.TryGetProperty("error", out var error))
            {
                Assert.Matches(SnakeCase(), error.GetString()!);
            }
        }
    }

    private static void DecodeBody(Jt808Frame frame, Jt808SubPackageAssembler assembler)
    {
        var body = frame.Body;
        Check(Jt808LocationReport.TryDecode(body, out var report, out var rejection), rejection);
        if (rejection.Reason == Jt808Reason.None)
        {
            foreach (var item in report.EnumerateAdditionalItems())
            {
                _ = item.Value.Length;
            }
        }

        Check(Jt808LocationBatch.TryDecode(body, out var batch, out rejection), rejection);
        if (rejection.Reason == Jt808Reason.None)
        {
            foreach (var item in batch)
            {
                _ = item.Latitude;
            }
        }

        foreach (var version in new[] { Jt808Version.V2013, Jt808Version.V2019 })
        {
            Check(Jt808Registration.TryDecode(body, version, out _, out rejection), rejection);
            Check(Jt808Authentication.TryDecode(body, version, out _, out rejection), rejection);
        }

        Check(Jt808TerminalReply.TryDecode(body, out _, out rejection), rejection);
        var assembled = assembler.Add(frame);
        if (assembled.Status == Jt808AssemblyStatus.Rejected)
        {
            AssertExplained(assembled.Rejection);
        }
    }

    private static void Check(bool decoded, Jt808Rejection rejection)
    {
        if (!decoded)
        {
            AssertExplained(rejection);
        }
    }

    private static void AssertExplained(Jt808Rejection rejection)
    {
        Assert.NotEqual(Jt808Reason.None, rejection.Reason);
        Assert.Matches(SnakeCase(), rejection.Code);
        Assert.False(string.IsNullOrWhiteSpace(rejection.Message));
    }

    private static byte[] Mutate(byte[] frame, Random random)
    {
        var data = frame.ToList();
        for (var n = random.Next(1, 4); n > 0 && data.Count > 0; n--)
        {
            var at = random.Next(data.Count);
            switch (random.Next(6))
            {
                case 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data[at] = (byte)random.Next(256);
                    break;
                case 2:
                    data.Insert(at, random.Next(3) == 0 ? (byte)0x7d : (byte)random.Next(256));
                    break;
                case 3:
                    data.RemoveAt(at);
                    break;
                case 4:
                    data.RemoveRange(at, data.Count - at);
                    break;
                default:
                    data.InsertRange(at, frame);
                    break;
            }
        }

        return [.. data];
    }

    [GeneratedRegex("^[a-z]+(_[a-z]+)*$")]
    private static partial Regex SnakeCase();
}
