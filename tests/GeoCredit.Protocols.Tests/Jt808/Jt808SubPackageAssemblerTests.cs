using GeoCredit.Protocols.Jt808;
using Microsoft.Extensions.Time.Testing;
using static GeoCredit.Protocols.Tests.Jt808.Jt808TestFrames;

namespace GeoCredit.Protocols.Tests.Jt808;

public sealed class Jt808SubPackageAssemblerTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 5, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Add_packages_out_of_order_gives_the_whole_message_with_the_first_header()
    {
        var assembler = new Jt808SubPackageAssembler(_clock);
        var body = LocationBody(items: [Item(0x31, 11)]);
        var parts = new[] { body[..10], body[10..20], body[20..] };

        var third = assembler.Add(Package(parts, index: 3));
        var first = assembler.Add(Package(parts, index: 1));
        var second = assembler.Add(Package(parts, index: 2));

        Assert.Equal(Jt808AssemblyStatus.Incomplete, third.Status);
        Assert.Equal(Jt808AssemblyStatus.Incomplete, first.Status);
        Assert.Equal(Jt808AssemblyStatus.Complete, second.Status);
        Assert.Equal(body, second.Message!.Body.ToArray());
        Assert.Equal(100, second.Message.Header.Serial);
        Assert.Equal(1, second.Message.Header.PackageIndex);
        Assert.True(Jt808LocationReport.TryDecode(second.Message.Body.Span, out var report, out _));
        Assert.Equal((byte)11, report.SatelliteCount);
        Assert.Equal(0, assembler.PendingCount);
    }

    [Fact]
    public void Add_message_whose_packages_stop_coming_expires_after_the_timeout()
    {
        var assembler = new Jt808SubPackageAssembler(_clock, new Jt808SubPackageOptions
        {
            Timeout = TimeSpan.FromSeconds(30),
        });
        byte[][] parts = [[1, 2], [3, 4]];

        assembler.Add(Package(parts, index: 1));
        _clock.Advance(TimeSpan.FromSeconds(29));
        var early = assembler.RemoveExpired();
        _clock.Advance(TimeSpan.FromSeconds(2));
        var late = assembler.RemoveExpired();
        var afterwards = assembler.Add(Package(parts, index: 2));

        Assert.Empty(early);
        var expired = Assert.Single(late);
        Assert.Equal("subpackage_timeout", expired.Rejection.Code);
        Assert.Equal(1, expired.ReceivedPackages);
        Assert.Equal(2, expired.TotalPackages);
        Assert.Equal(0x0801, expired.MessageId);
        Assert.Equal(Jt808AssemblyStatus.Incomplete, afterwards.Status);
    }

    [Fact]
    public void Add_package_within_the_timeout_of_the_previous_one_completes()
    {
        var assembler = new Jt808SubPackageAssembler(_clock);
        byte[][] parts = [[1], [2], [3]];

        assembler.Add(Package(parts, index: 1));
        _clock.Advance(TimeSpan.FromSeconds(25));
        assembler.Add(Package(parts, index: 2));
        _clock.Advance(TimeSpan.FromSeconds(25));
        var last = assembler.Add(Package(parts, index: 3));

        Assert.Equal(Jt808AssemblyStatus.Complete, last.Status);
    }

    [Fact]
    public void Add_package_of_an_overdue_message_starts_it_again_and_reports_the_expiry()
    {
        var assembler = new Jt808SubPackageAssembler(_clock);
        byte[][] parts = [[1], [2]];

        assembler.Add(Package(parts, index: 1));
        _clock.Advance(TimeSpan.FromMinutes(5));
        var second = assembler.Add(Package(parts, index: 2));

        Assert.Equal(Jt808AssemblyStatus.Incomplete, second.Status);
        Assert.Equal("subpackage_timeout", Assert.Single(assembler.RemoveExpired()).Rejection.Code);
    }

    [Fact]
    public void Add_more_pending_messages_than_allowed_refuses_subpackage_limit()
    {
        var assembler = new Jt808SubPackageAssembler(_clock, new Jt808SubPackageOptions { MaxPendingMessages = 2 });
        byte[][] parts = [[1], [2]];

        assembler.Add(Package(parts, index: 1, firstSerial: 10));
        assembler.Add(Package(parts, index: 1, firstSerial: 20));
        var third = assembler.Add(Package(parts, index: 1, firstSerial: 30));

        Assert.Equal(Jt808AssemblyStatus.Rejected, third.Status);
        Assert.Equal("subpackage_limit", third.Rejection.Code);
    }

    [Fact]
    public void Add_message_larger_than_allowed_refuses_subpackage_limit_and_forgets_it()
    {
        var assembler = new Jt808SubPackageAssembler(_clock, new Jt808SubPackageOptions { MaxMessageLength = 5 });
        byte[][] parts = [[1, 2, 3], [4, 5, 6]];

        assembler.Add(Package(parts, index: 1));
        var second = assembler.Add(Package(parts, index: 2));

        Assert.Equal("subpackage_limit", second.Rejection.Code);
        Assert.Equal(0, assembler.PendingCount);
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(2, 3)]
    [InlineData(0, 0)]
    public void Add_package_with_impossible_position_refuses_bad_package_index(ushort total, ushort index)
    {
        var assembler = new Jt808SubPackageAssembler(_clock);
        var frame = Frame(Header2013(0x0801, 1, "013912344323", 5, total, index, subPackage: true), [9]);
        var read = Assert.Single(Jt808ReaderLoop.ReadAll(frame));

        var result = assembler.Add(read.Header, read.Body);

        Assert.Equal("bad_package_index", result.Rejection.Code);
    }

    [Fact]
    public void Add_packages_of_two_terminals_are_kept_apart()
    {
        var assembler = new Jt808SubPackageAssembler(_clock);
        byte[][] parts = [[1], [2]];

        assembler.Add(Package(parts, index: 1, terminal: "013912344323"));
        var other = assembler.Add(Package(parts, index: 2, terminal: "013912344324"));
        var own = assembler.Add(Package(parts, index: 2, terminal: "013912344323"));

        Assert.Equal(Jt808AssemblyStatus.Incomplete, other.Status);
        Assert.Equal(Jt808AssemblyStatus.Complete, own.Status);
        Assert.Equal(1, assembler.PendingCount);
    }

    [Fact]
    public void Add_whole_message_is_complete_at_once()
    {
        var assembler = new Jt808SubPackageAssembler(_clock);
        var read = Assert.Single(Jt808ReaderLoop.ReadAll(Hex(Published.Location2019)));

        var result = assembler.Add(read.Header, read.Body);

        Assert.Equal(Jt808AssemblyStatus.Complete, result.Status);
        Assert.Equal(read.Body, result.Message!.Body.ToArray());
    }

    /// <summary>Package <paramref name="index"/> of a 0x0801 message with consecutive package serials.</summary>
    private static ReadEvent Package(byte[][] parts, ushort index, ushort firstSerial = 100,
        string terminal = "013912344323")
    {
        var body = parts[index - 1];
        var serial = (ushort)(firstSerial + index - 1);
        var header = Header2013(0x0801, body.Length, terminal, serial, total: (ushort)parts.Length, index: index);
        return Assert.Single(Jt808ReaderLoop.ReadAll(Frame(header, body)));
    }
}

internal static class Jt808SubPackageAssemblerExtensions
{
    public static Jt808AssemblyResult Add(this Jt808SubPackageAssembler assembler, ReadEvent package) =>
        assembler.Add(package.Header, package.Body);
}
