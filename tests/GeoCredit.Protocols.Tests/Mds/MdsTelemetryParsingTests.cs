using System.Globalization;
using System.Text.Json.Nodes;
using GeoCredit.Protocols.Mds;
using static GeoCredit.Protocols.Tests.Mds.MdsTestDocuments;

namespace GeoCredit.Protocols.Tests.Mds;

public sealed class MdsTelemetryParsingTests
{
    [Fact]
    public void Parse_telemetry_sample_decodes_every_field()
    {
        var batch = MdsBatchParser.ParseTelemetry(Sample("agency-telemetry.json"), Provider);

        Assert.Null(batch.BodyRejection);
        Assert.Empty(batch.Rejections);
        Assert.Equal(3, batch.Records.Count);
        var first = batch.Records[0];
        Assert.Equal(Guid.Parse(Device), first.DeviceId);
        Assert.Equal(Guid.Parse("7652445c-331c-4d0c-847c-470fced25974"), first.TelemetryId);
        Assert.Equal(new DateTimeOffset(2025, 3, 5, 2, 20, 31, TimeSpan.Zero), first.Timestamp);
        Assert.Equal([Guid.Parse(Trip)], first.TripIds);
        Assert.Equal(Guid.Parse("58907162-d426-405a-94d9-9623baf0fdaf"), first.JourneyId);
        Assert.Equal(Guid.Parse("919bf170-a5fc-439d-8ef7-71769c23efe1"), first.StopId);
        Assert.Equal("bike_lane", first.LocationType);
        Assert.Equal(87, first.BatteryPercent);
        Assert.False(first.TippedOver);
        Assert.Equal(6.0, first.Location.VerticalAccuracyM);
        Assert.Equal(12, first.Location.Satellites);
    }

    [Fact]
    public void Parse_telemetry_null_trip_ids_and_journey_id_mean_not_in_a_trip()
    {
        var batch = MdsBatchParser.ParseTelemetry(Sample("agency-telemetry.json"), Provider);

        var parked = batch.Records[2];
        Assert.Empty(parked.TripIds);
        Assert.Null(parked.JourneyId);
        Assert.Null(parked.StopId);
        Assert.Null(parked.TippedOver);
        Assert.Null(parked.Location.HorizontalAccuracyM);
    }

    [Theory]
    [InlineData("[{0}]")]
    [InlineData("{{\"telemetry\": [{0}]}}")]
    [InlineData("{{\"data\": [{0}]}}")]
    [InlineData("{{\"data\": {{\"telemetry\": [{0}]}}}}")]
    public void Parse_telemetry_accepts_every_envelope(string envelope)
    {
        var body = string.Format(CultureInfo.InvariantCulture, envelope, Telemetry().ToJsonString());

        var batch = MdsBatchParser.ParseTelemetry(body, Provider);

        Assert.Null(batch.BodyRejection);
        Assert.Equal(Guid.Parse(Device), Assert.Single(batch.Records).DeviceId);
    }

    [Fact]
    public void Parse_telemetry_events_envelope_is_not_a_telemetry_body()
    {
        var batch = MdsBatchParser.ParseTelemetry(Sample("agency-events.json"), Provider);

        Assert.Equal("not_an_array", batch.BodyRejection?.Code);
        Assert.Contains("telemetry", batch.BodyRejection!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_telemetry_batch_keeps_good_records_beside_bad_ones()
    {
        var batch = Telemetries(
            Telemetry(),
            Telemetry().With(t => t["provider_id"] = OtherProvider.ToString()),
            null,
            Telemetry().With(t => t.Remove("telemetry_id")),
            Telemetry().With(t => t["location"]!["lat"] = "north"),
            Telemetry().With(t => t["timestamp"] = 1_741_141_240_000));

        Assert.Equal(6, batch.Total);
        Assert.Equal([0, 5], batch.Records.Select(t => t.Index));
        Assert.Equal(["wrong_provider", "malformed_record", "missing_telemetry_id", "bad_location"],
            batch.Rejections.Select(r => r.Code));
        Assert.Equal("null", batch.Rejections[1].Input);
    }

    [Fact]
    public void Parse_telemetry_reads_tipped_over_and_its_lenient_alias()
    {
        var batch = Telemetries(
            Telemetry().With(t => t["tipped_over"] = true),
            Telemetry().With(t => t["tipped_over_status"] = true),
            Telemetry().With(t => t["tipped_over"] = "yes"));

        Assert.Equal([true, true], batch.Records.Select(t => t.TippedOver));
        Assert.Equal("bad_field", Assert.Single(batch.Rejections).Code);
    }

    [Fact]
    public void Parse_telemetry_without_journey_or_trip_fields_is_accepted()
    {
        var batch = Telemetries(Telemetry().With(t =>
        {
            t.Remove("trip_ids");
            t.Remove("journey_id");
        }));

        var record = Assert.Single(batch.Records);
        Assert.Empty(record.TripIds);
        Assert.Null(record.JourneyId);
    }

    [Theory]
    [InlineData("journey_id", "\"journey-1\"")]
    [InlineData("stop_id", "7")]
    [InlineData("location_type", "[]")]
    [InlineData("fuel_percent", "200")]
    public void Parse_telemetry_optional_field_of_the_wrong_type_is_bad_field(string field, string value)
    {
        var body = Batch(Telemetry().With(t => t[field] = "placeholder"))
            .Replace("\"placeholder\"", value, StringComparison.Ordinal);

        var batch = MdsBatchParser.ParseTelemetry(body, Provider);

        Assert.Equal("bad_field", Assert.Single(batch.Rejections).Code);
    }

    [Fact]
    public void Parse_telemetry_event_fields_are_ignored()
    {
        var batch = Telemetries(Telemetry().With(t =>
        {
            t["vehicle_state"] = "not a state";
            t["event_types"] = new JsonArray(1, 2);
        }));

        Assert.Single(batch.Records);
    }
}
