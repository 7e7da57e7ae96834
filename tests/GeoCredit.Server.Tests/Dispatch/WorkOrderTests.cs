using System.Net;
using System.Text.Json;
using GeoCredit.Core.Dispatch;
using GeoCredit.Server.Dispatch;
using Microsoft.Extensions.DependencyInjection;

namespace GeoCredit.Server.Tests.Dispatch;

/// <summary>Work orders through GraphQL as operators, companies and field staff use them.</summary>
public sealed class WorkOrderTests(RunningServer server) : IClassFixture<RunningServer>
{
    private const string OrderFields = "id state company team assignee createdBy overdue history { from to by note }";

    private static JsonElement Order(GraphQLReply reply, string field)
    {
        Assert.False(reply.HasErrors, reply.Body.ToString());
        return reply.Data.GetProperty(field);
    }

    private static Task<GraphQLReply> Act(HttpClient http, string mutation, string id, string? note = null) =>
        http.PostGraphQLAsync(
            $"mutation($id: ID!, $note: String) {{ {mutation}(id: $id, note: $note) {{ {OrderFields} }} }}",
            new { id, note });

    private static async Task<string> CreateForCompanyAsync(HttpClient operatorClient, string company)
    {
        var created = await operatorClient.PostGraphQLAsync(
            $"mutation {{ createWorkOrder(title: \"Bike parked in a no-parking zone\", company: \"{company}\", " +
            $"lon: 116.397, lat: 39.909, zoneClass: \"core\") {{ {OrderFields} }} }}");
        return Order(created, "createWorkOrder").GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Order_for_a_company_goes_from_created_to_verified_and_every_step_is_recorded()
    {
        using var operatorClient = await server.ClientAsync("operator");
        using var company = await server.ClientAsync("company");
        var id = await CreateForCompanyAsync(operatorClient, "bikeco");

        Order(await Act(company, "acceptWorkOrder", id), "acceptWorkOrder");
        Order(await Act(company, "arriveOnSite", id), "arriveOnSite");
        Order(
            await Act(company, "resolveWorkOrder", id, "Moved into the parking zone at the corner."),
            "resolveWorkOrder");
        var verified = Order(await Act(operatorClient, "verifyWorkOrder", id), "verifyWorkOrder");

        Assert.Equal("Verified", verified.GetProperty("state").GetString());
        Assert.Equal(["Dispatched", "Accepted", "OnSite", "Resolved", "Verified"],
            verified.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("to").GetString()));
        Assert.Equal("company", verified.GetProperty("history")[1].GetProperty("by").GetString());
    }

    [Fact]
    public async Task Illegal_move_is_refused_with_a_clear_error_naming_the_state()
    {
        using var operatorClient = await server.ClientAsync("operator");
        using var company = await server.ClientAsync("company");
        var id = await CreateForCompanyAsync(operatorClient, "bikeco");

        var reply = await Act(company, "resolveWorkOrder", id, "Done");

        Assert.Equal(["ILLEGAL_TRANSITION"], reply.ErrorCodes);
        Assert.Contains(
            "Dispatched", reply.Body.GetProperty("errors")[0].GetProperty("message").GetString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Company_user_cannot_see_or_act_on_another_companys_order()
    {
        using var operatorClient = await server.ClientAsync("operator");
        using var company = await server.ClientAsync("company");
        var other = await CreateForCompanyAsync(operatorClient, "otherbikes");
        var own = await CreateForCompanyAsync(operatorClient, "bikeco");

        var read = await company.PostGraphQLAsync($"{{ workOrder(id: \"{other}\") {{ id }} }}");
        var act = await Act(company, "acceptWorkOrder", other);
        var list = await company.PostGraphQLAsync("{ workOrders { id company } }");

        Assert.Equal(["FORBIDDEN"], read.ErrorCodes);
        Assert.Equal(JsonValueKind.Null, read.Data.GetProperty("workOrder").ValueKind);
        Assert.Equal(["FORBIDDEN"], act.ErrorCodes);
        var ids = list.Data.GetProperty("workOrders").EnumerateArray().Select(o => o.GetProperty("id").GetString())
            .ToArray();
        Assert.Contains(own, ids);
        Assert.DoesNotContain(other, ids);
        Assert.All(list.Data.GetProperty("workOrders").EnumerateArray(),
            o => Assert.Equal("bikeco", o.GetProperty("company").GetString()));
    }

    [Fact]
    public async Task Field_user_gets_the_order_for_their_team_when_nearest_and_cannot_read_anothers()
    {
        using var field = await server.ClientAsync("field");
        using var operatorClient = await server.ClientAsync("operator");
        var reported = await field.PostAsync("/api/field/position",
            System.Net.Http.Json.JsonContent.Create(new { lon = 121.490, lat = 31.240, available = true }));
        Assert.Equal(HttpStatusCode.NoContent, reported.StatusCode);

        var created = Order(await operatorClient.PostGraphQLAsync(
            $"mutation {{ createWorkOrder(title: \"C-class yacht in the core zone\", team: \"patrol\", lon: 121.491, " +
            $"lat: 31.241) {{ {OrderFields} }} }}"), "createWorkOrder");
        var elsewhere = Order(await operatorClient.PostGraphQLAsync(
            "mutation { createWorkOrder(title: \"Gate check\", team: \"park_gate\", lon: 118.9, lat: 38.0) " +
            $"{{ {OrderFields} }} }}"),
            "createWorkOrder");

        Assert.Equal("field", created.GetProperty("assignee").GetString());
        var accepted = Order(
            await Act(field, "acceptWorkOrder", created.GetProperty("id").GetString()!), "acceptWorkOrder");
        Assert.Equal("Accepted", accepted.GetProperty("state").GetString());
        var refused = await field.PostGraphQLAsync(
            $"{{ workOrder(id: \"{elsewhere.GetProperty("id").GetString()}\") {{ id title }} }}");
        Assert.Equal(["FORBIDDEN"], refused.ErrorCodes);
        Assert.Equal(JsonValueKind.Null, refused.Data.GetProperty("workOrder").ValueKind);
    }

    [Fact]
    public async Task Field_user_creates_an_order_where_they_stand_for_their_own_team()
    {
        using var field = await server.ClientAsync("field");

        var created = Order(await field.PostGraphQLAsync(
            $"mutation {{ createWorkOrder(title: \"Bikes blocking the crossing\", note: \"Six bikes on the zebra\", " +
            $"team: \"park_gate\", lon: 116.40, lat: 39.91) {{ {OrderFields} }} }}"), "createWorkOrder");
        var withoutNote = await field.PostGraphQLAsync(
            "mutation { createWorkOrder(title: \"x\", lon: 116.40, lat: 39.91) { id } }");

        Assert.Equal("patrol", created.GetProperty("team").GetString());
        Assert.Equal("field", created.GetProperty("createdBy").GetString());
        Assert.Equal(["BAD_ARGUMENT"], withoutNote.ErrorCodes);
    }

    [Fact]
    public async Task Order_left_overdue_is_escalated_and_deducts_from_the_company_which_can_appeal_once()
    {
        var dispatch = server.Services.GetRequiredService<DispatchService>();
        var created = DateTimeOffset.UtcNow.AddHours(-3);
        var order = await dispatch.CreateOrderAsync(new WorkOrderDraft
        {
            Id = $"wo-late-{Guid.NewGuid():N}"[..16],
            Title = "Over-capacity parking zone",
            Origin = WorkOrderOrigin.Rule,
            Addressee = Addressee.Company("bikeco"),
            Longitude = 116.39,
            Latitude = 39.90,
            CreatedBy = WorkOrder.SystemActor,
            CreatedAt = created,
        });

        var scan = await dispatch.ScanOverdueAsync(CancellationToken.None);
        var again = await dispatch.ScanOverdueAsync(CancellationToken.None);

        Assert.Contains(scan.Escalations, e => e.OrderId == order.Id);
        var deductions = scan.Deductions.Where(d => d.OrderId == order.Id).ToArray();
        Assert.NotEmpty(deductions);
        Assert.DoesNotContain(again.Deductions, d => d.OrderId == order.Id);

        using var company = await server.ClientAsync("company");
        var listed = await company.PostGraphQLAsync("{ deductions { id orderId points appealDeadline } }");
        var deduction = listed.Data.GetProperty("deductions").EnumerateArray()
            .First(d => d.GetProperty("orderId").GetString() == order.Id);
        var deductionId = deduction.GetProperty("id").GetString();
        const string fileAppeal =
            "mutation($d: ID!) { fileAppeal(deductionId: $d, grounds: \"The zone sensor was wrong\") { id state } }";
        var appeal = await company.PostGraphQLAsync(fileAppeal, new { d = deductionId });
        var secondAppeal = await company.PostGraphQLAsync(fileAppeal, new { d = deductionId });

        Assert.Equal("Filed", appeal.Data.GetProperty("fileAppeal").GetProperty("state").GetString());
        Assert.True(secondAppeal.HasErrors);
        using var operatorClient = await server.ClientAsync("operator");
        var decided = await operatorClient.PostGraphQLAsync(
            "mutation($id: ID!) { decideAppeal(id: $id, uphold: true, decision: \"Sensor fault confirmed\") " +
            "{ state deduction { cancelledAt } } }",
            new { id = appeal.Data.GetProperty("fileAppeal").GetProperty("id").GetString() });
        Assert.Equal("Upheld", decided.Data.GetProperty("decideAppeal").GetProperty("state").GetString());
        Assert.NotEqual(JsonValueKind.Null,
            decided.Data.GetProperty("decideAppeal").GetProperty("deduction").GetProperty("cancelledAt").ValueKind);
    }
}
