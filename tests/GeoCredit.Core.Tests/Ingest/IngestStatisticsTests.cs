using GeoCredit.Core.Ingest;
using GeoCredit.Core.Tracking;
using Microsoft.Extensions.Time.Testing;

namespace GeoCredit.Core.Tests.Ingest;

public sealed class IngestStatisticsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void CountRejected_counts_per_source_and_reason()
    {
        var statistics = new IngestStatistics(_clock);

        statistics.CountRejected(PositionSource.Ais, "bad_checksum", "m", "a");
        statistics.CountRejected(PositionSource.Ais, "bad_checksum", "m", "b");
        statistics.CountRejected(PositionSource.Jt808, "bad_checksum", "m", "c");
        statistics.CountRejected(PositionSource.Ais, "unsupported_type", "m", "d");

        Assert.Equal(
            [
                new RejectionCount(PositionSource.Ais, "bad_checksum", 2),
                new RejectionCount(PositionSource.Ais, "unsupported_type", 1),
                new RejectionCount(PositionSource.Jt808, "bad_checksum", 1),
            ],
            statistics.Rejections());
    }

    [Fact]
    public void Samples_keep_only_the_most_recent_within_capacity_newest_first()
    {
        var statistics = new IngestStatistics(_clock, sampleCapacity: 3);

        for (var i = 0; i < 10; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            statistics.CountRejected(PositionSource.Http, "malformed_record", "m", $"input {i}");
        }

        Assert.Equal(["input 9", "input 8", "input 7"], statistics.Samples().Select(s => s.Input));
        Assert.Equal(10, statistics.Rejections().Single().Count);
    }

    [Fact]
    public void Samples_cut_long_inputs()
    {
        var statistics = new IngestStatistics(_clock);

        statistics.CountRejected(PositionSource.Mds, "malformed_record", "m", new string('x', 5000));

        Assert.Equal(513, statistics.Samples().Single().Input.Length);
    }

    [Fact]
    public void CountAccepted_adds_per_source()
    {
        var statistics = new IngestStatistics(_clock);

        statistics.CountAccepted(PositionSource.Ais, 3);
        statistics.CountAccepted(PositionSource.Ais);

        Assert.Equal(4, statistics.Accepted(PositionSource.Ais));
        Assert.Equal(0, statistics.Accepted(PositionSource.Jt808));
    }
}
