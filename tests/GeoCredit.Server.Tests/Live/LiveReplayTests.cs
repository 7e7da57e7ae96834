using System.Text.Json;
using System.Threading.Channels;
using GeoCredit.Core.Dispatch;
using GeoCredit.Server.Dispatch;
using GeoCredit.Server.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace GeoCredit.Server.Tests.Live;

/// <summary>Clients that drop, miss messages, reconnect and ask for what they missed.</summary>
public sealed class LiveReplayTests(RunningServer server) : IClassFixture<RunningServer>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private Task<WorkOrderRecord> CreateAsync(string company) =>
        server.Services.GetRequiredService<DispatchService>().CreateOrderAsync(new WorkOrderDraft
        {
            Id = $"wo-live-{Guid.NewGuid():N}"[..16],
            Title = "Rebalance the parking zone",
            Origin = WorkOrderOrigin.Operator,
            Addressee = Addressee.Company(company),
            Longitude = 116.4,
            Latitude = 39.9,
            CreatedBy = "operator",
            CreatedAt = DateTimeOffset.UtcNow,
        });

    [Fact]
    public async Task Client_that_reconnects_gets_what_it_missed_exactly_once_in_order_and_only_its_own()
    {
        var live = Channel.CreateUnbounded<LiveMessage>();
        await using var company = await server.HubAsync("company");
        company.On<LiveMessage>(DispatchService.WorkOrderMessage, m => live.Writer.TryWrite(m));
        var first = await CreateAsync("bikeco");
        var seen = await live.Reader.ReadAsync(new CancellationTokenSource(Deadline).Token);
        await company.StopAsync();

        var missed = new[] { await CreateAsync("bikeco"), await CreateAsync("otherbikes"),
            await CreateAsync("bikeco") };

        await company.StartAsync();
        var resume = await company.InvokeAsync<LiveResume>(nameof(LiveHub.Resume), seen.Seq);

        Assert.Equal(first.Id, Id(seen));
        Assert.False(resume.Reload);
        var ids = resume.Missed.Where(m => m.Type == DispatchService.WorkOrderMessage).Select(Id).ToArray();
        Assert.Equal([missed[0].Id, missed[2].Id], ids);
        Assert.Equal(resume.Missed.Select(m => m.Seq).Order(), resume.Missed.Select(m => m.Seq));
        Assert.All(resume.Missed, m => Assert.True(m.Seq > seen.Seq));
        Assert.Equal(resume.Missed.Count, resume.Missed.Select(m => m.Seq).Distinct().Count());
    }

    [Fact]
    public async Task Client_too_far_behind_is_told_to_reload()
    {
        await using var operatorHub = await server.HubAsync("operator");

        var resume = await operatorHub.InvokeAsync<LiveResume>(nameof(LiveHub.Resume), -1_000_000L);

        Assert.True(resume.Reload);
        Assert.Empty(resume.Missed);
    }

    [Fact]
    public async Task MessagePack_client_receives_work_order_changes_too()
    {
        var live = Channel.CreateUnbounded<LiveMessage>();
        await using var company = await server.HubAsync("company", messagePack: true);
        company.On<LiveMessage>(DispatchService.WorkOrderMessage, m => live.Writer.TryWrite(m));

        var created = await CreateAsync("bikeco");

        var message = await live.Reader.ReadAsync(new CancellationTokenSource(Deadline).Token);
        Assert.Equal(DispatchService.WorkOrderMessage, message.Type);
        Assert.True(message.Seq > 0);
        Assert.Contains(created.Id, JsonSerializer.Serialize(message.Data), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewport_limits_the_positions_a_client_receives()
    {
        var positions = Channel.CreateUnbounded<LivePositionBatch>();
        await using var hub = await server.HubAsync("operator");
        hub.On<LivePositionBatch>(LiveFeed.PositionsMessage, b => positions.Writer.TryWrite(b));
        await hub.InvokeAsync<LiveCursor>(nameof(LiveHub.WatchPositions));
        await hub.InvokeAsync(nameof(LiveHub.SetViewport), 121.4, 31.2, 121.6, 31.3);
        using var ingest = await server.ClientAsync("ingest");
        var time = DateTimeOffset.UtcNow.AddSeconds(-5).ToString("O");

        await ingest.PostAsync("/api/ingest/positions", System.Net.Http.Json.JsonContent.Create(new[]
        {
            new { objectId = "vp-inside", kind = "yacht", time, lon = 121.49, lat = 31.24 },
            new { objectId = "vp-outside", kind = "truck", time, lon = 118.5, lat = 37.4 },
        }));

        var batch = await positions.Reader.ReadAsync(new CancellationTokenSource(Deadline).Token);
        Assert.Equal(["vp-inside"], batch.Positions.Select(p => p.ObjectId));
    }

    private static string Id(LiveMessage message) => ((JsonElement)message.Data).GetProperty("id").GetString()!;
}
