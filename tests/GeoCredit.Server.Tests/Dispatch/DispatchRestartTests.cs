using GeoCredit.Core.Dispatch;
using GeoCredit.Server.Dispatch;
using GeoCredit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GeoCredit.Server.Tests.Dispatch;

/// <summary>A server restarted in the middle of an order's life: its clocks and state are still there.</summary>
public sealed class DispatchRestartTests
{
    [Fact]
    public async Task Open_orders_and_their_clocks_survive_a_restart()
    {
        await using var database = await TestDatabase.CreateAsync();
        string lateId;
        string openId;
        await using (var first = await RunningServer.StartOnAsync(database))
        {
            var dispatch = first.Services.GetRequiredService<DispatchService>();
            lateId = (await dispatch.CreateOrderAsync(Draft("bikeco", DateTimeOffset.UtcNow.AddHours(-3)))).Id;
            openId = (await dispatch.CreateOrderAsync(Draft("bikeco", DateTimeOffset.UtcNow))).Id;
        }

        await using var second = await RunningServer.StartOnAsync(database);
        var restarted = second.Services.GetRequiredService<DispatchService>();
        using var company = await second.ClientAsync("company");

        var scan = await restarted.ScanOverdueAsync(CancellationToken.None);
        var accepted = await company.PostGraphQLAsync(
            "mutation($id: ID!) { acceptWorkOrder(id: $id) { state responseDeadline } }", new { id = openId });

        Assert.Contains(scan.Escalations, e => e.OrderId == lateId);
        Assert.Contains(scan.Deductions, d => d.OrderId == lateId && d.CompanyId == "bikeco");
        Assert.DoesNotContain(scan.Escalations, e => e.OrderId == openId);
        Assert.Equal("Accepted", accepted.Data.GetProperty("acceptWorkOrder").GetProperty("state").GetString());
    }

    private static WorkOrderDraft Draft(string company, DateTimeOffset createdAt) => new()
    {
        Id = $"wo-rs-{Guid.NewGuid():N}"[..14],
        Title = "Bike outside the parking zone",
        Origin = WorkOrderOrigin.Rule,
        Addressee = Addressee.Company(company),
        Longitude = 116.39,
        Latitude = 39.91,
        ZoneClass = "main_street",
        CreatedBy = WorkOrder.SystemActor,
        CreatedAt = createdAt,
    };
}

