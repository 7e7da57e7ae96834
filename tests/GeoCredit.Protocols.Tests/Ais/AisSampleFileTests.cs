using GeoCredit.Protocols.Ais;

namespace GeoCredit.Protocols.Tests.Ais;

/// <summary>
/// The sentences of gpsd's test/sample.aivdm (Samples/Ais/gpsd-sample.aivdm, BSD-2-Clause), read as a feed.
/// </summary>
public sealed class AisSampleFileTests
{
    private static readonly string SamplePath =
        Path.Combine(AppContext.BaseDirectory, "Samples", "Ais", "gpsd-sample.aivdm");

    [Fact]
    public void Decode_gpsd_sample_decodes_every_supported_type_and_refuses_only_unsupported_ones()
    {
        var decoder = AisSentences.NewDecoder(out _);
        var lines = File.ReadAllLines(SamplePath).Where(line => !line.StartsWith('#')).ToArray();

        var outcomes = lines.Select(line => decoder.Decode(line)).ToArray();

        var messages = outcomes.Where(outcome => outcome.IsMessage).Select(outcome => outcome.Message).ToArray();
        Assert.Equal(15, messages.Length);
        Assert.Equal([1, 2, 3, 4, 5, 18, 19, 21, 24, 27], messages.Select(m => m.Type).Distinct().Order());
        Assert.Equal(3, outcomes.Count(outcome => outcome.Kind == AisOutcomeKind.Fragment));
        var refused = outcomes.Where(outcome => outcome.IsRejected).Select(outcome => outcome.Rejection!).ToArray();
        Assert.Equal(18, refused.Length);
        Assert.All(refused, rejection => Assert.Equal(AisRejectionReason.UnsupportedType, rejection.Reason));
        Assert.Empty(decoder.TakeAllDropped());
        Assert.Equal(0, decoder.PendingMessages);
    }

    [Fact]
    public void Decode_gpsd_sample_gives_a_position_exactly_for_the_position_types()
    {
        var decoder = AisSentences.NewDecoder(out _);

        var messages = File.ReadAllLines(SamplePath)
            .Select(line => decoder.Decode(line))
            .Where(outcome => outcome.IsMessage)
            .Select(outcome => outcome.Message)
            .ToArray();

        Assert.All(messages, message => Assert.Equal(message.CarriesPosition, message.Position.HasValue));
        Assert.All(messages, message => Assert.Equal(message.CarriesStaticData, message.Static is not null));
        Assert.All(
            messages.Where(message => message.Position.HasValue),
            message => Assert.True(message.Position!.Value.HasFix, $"type {message.Type} has no fix"));
    }
}
