using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GeoCredit.Protocols.Ais;

namespace GeoCredit.Protocols.Tests.Ais;

/// <summary>
/// Property tests: whatever comes in, no exception escapes and every refusal has a known snake_case code and a
/// sentence. Seeded, so a failure names the case that reproduces it.
/// </summary>
public sealed partial class AisFuzzTests
{
    private const int Cases = 4000;

    /// <summary>Valid sentences to mutate (gpsd test/sample.aivdm, BSD-2-Clause; pyais tests, MIT).</summary>
    private static readonly string[] Seeds =
    [
        "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A",
        "!AIVDM,1,1,,B,25Cjtd0Oj;Jp7ilG7=UkKBoB0<06,0*60",
        "!AIVDM,1,1,,A,403OviQuMGCqWrRO9>E6fE700@GO,0*4D",
        "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C",
        "!AIVDM,2,2,1,A,88888888880,2*25",
        "!AIVDM,1,1,,A,B52K>;h00Fc>jpUlNV@ikwpUoP06,0*4C",
        "!AIVDM,1,1,,B,C5N3SRgPEnJGEBT>NhWAwwo862PaLELTBJ:V00000000S0D:R220,0*0B",
        "!AIVDM,2,1,5,B,E1mg=5J1T4W0h97aRh6ba84<h2d;W:Te=eLvH50```q,0*46",
        "!AIVDM,2,2,5,B,:D44QDlp0C1DU00,2*36",
        "!AIVDM,1,1,,A,H42O55lti4hhhilD3nink000?050,0*40",
        "!AIVDM,1,1,,B,KC5E2b@U19PFdLbMuc5=ROv62<7m,0*16",
        @"\s:2573535,c:1671533231*08\!BSVDM,1,1,,A,13nN34?000QFpgRWnQLLSPpF00SO,0*06",
    ];

    private static readonly HashSet<string> Codes = AisRejectionReasons.All.Select(r => r.ToCode()).ToHashSet();

    [Fact]
    public void Decode_random_bytes_never_throws_and_refusals_are_explained()
    {
        var random = new Random(1371);
        var decoder = AisSentences.NewDecoder(out var clock);

        for (var i = 0; i < Cases; i++)
        {
            var line = new byte[random.Next(0, 120)];
            random.NextBytes(line);
            if (random.Next(4) == 0 && line.Length > 0)
            {
                line[0] = (byte)'!';
            }

            CheckOutcome(decoder, decoder.Decode(line), $"case {i}");
            clock.Advance(TimeSpan.FromMilliseconds(random.Next(0, 3000)));
        }
    }

    [Fact]
    public void Decode_mutated_sentences_never_throw_and_refusals_are_explained()
    {
        var random = new Random(20250501);
        var decoder = AisSentences.NewDecoder(out var clock);
        var decoded = 0;

        for (var i = 0; i < Cases; i++)
        {
            var line = Mutate(Seeds[random.Next(Seeds.Length)], random);
            var outcome = decoder.Decode(line);
            CheckOutcome(decoder, outcome, $"case {i}: {line}");
            decoded += outcome.IsMessage ? 1 : 0;

            // Re-checksum half of them, so that mutations reach the field and payload decoders too.
            var star = line.IndexOf('*', StringComparison.Ordinal);
            var body = line.StartsWith('!') && star > 0 ? line[1..star] : null;
            if (body is not null && random.Next(2) == 0)
            {
                var resummed = AisSentences.Sentence(body);
                CheckOutcome(decoder, decoder.Decode(resummed), $"case {i} re-summed: {resummed}");
            }

            clock.Advance(TimeSpan.FromMilliseconds(random.Next(0, 2000)));
        }

        Assert.InRange(decoded, 1, Cases);
    }

    [Fact]
    public void Decode_random_printable_sentences_with_valid_checksums_never_throw()
    {
        var random = new Random(61162);
        var decoder = AisSentences.NewDecoder(out _, new AisDecoderOptions { MaxPendingMessages = 4 });
        const string alphabet = "0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVW`abcdefghijklmnopqrstuvw,*!\\";

        for (var i = 0; i < Cases; i++)
        {
            var payload = new StringBuilder();
            var length = random.Next(0, 90);
            for (var c = 0; c < length; c++)
            {
                payload.Append(alphabet[random.Next(alphabet.Length - (random.Next(8) == 0 ? 0 : 4))]);
            }

            var count = random.Next(1, 4);
            var body = $"AIVDM,{count},{random.Next(1, count + 1)},{random.Next(0, 3)},A,{payload},{random.Next(0, 7)}";
            CheckOutcome(decoder, decoder.Decode(AisSentences.Sentence(body)), $"case {i}: {body}");
        }
    }

    private static string Mutate(string seed, Random random)
    {
        var text = new StringBuilder(seed);
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations && text.Length > 0; m++)
        {
            var at = random.Next(text.Length);
            switch (random.Next(7))
            {
                case 0:
                    text[at] = (char)random.Next(32, 127);
                    break;
                case 1:
                    text.Length = at;
                    break;
                case 2:
                    var comma = seed.IndexOf(',', random.Next(seed.Length));
                    text.Insert(comma < 0 || comma >= text.Length ? at : comma, ',');
                    break;
                case 3:
                    text.Remove(at, 1);
                    break;
                case 4:
                    text.Insert(at, (char)random.Next(0, 256));
                    break;
                case 5:
                    text[at] = (char)(text[at] ^ (1 << random.Next(7)));
                    break;
                default:
                    text.Insert(at, text.ToString(at, Math.Min(8, text.Length - at)));
                    break;
            }
        }

        return text.ToString();
    }

    private static void CheckOutcome(AisDecoder decoder, AisOutcome outcome, string context)
    {
        if (outcome.IsRejected)
        {
            CheckRejection(outcome.Rejection, context);
        }

        if (outcome.IsMessage)
        {
            // The JSON writer must cope with whatever the decoder produced.
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                AisJson.Write(writer, outcome.Message);
            }

            Assert.True(stream.Length > 2, context);
        }

        while (decoder.TryTakeDropped(out var dropped))
        {
            CheckRejection(dropped.Rejection, context);
            Assert.False(string.IsNullOrEmpty(dropped.Input), context);
        }
    }

    private static void CheckRejection(AisRejection rejection, string context)
    {
        Assert.True(Codes.Contains(rejection.Code), $"unknown code {rejection.Code} in {context}");
        Assert.Matches(SnakeCase(), rejection.Code);
        Assert.False(string.IsNullOrWhiteSpace(rejection.Message), context);
    }

    [GeneratedRegex("^[a-z]+(_[a-z]+)*$")]
    private static partial Regex SnakeCase();
}
