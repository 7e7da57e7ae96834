using System.Text;
using System.Text.Json.Nodes;
using GeoCredit.Protocols.Mds;
using static GeoCredit.Protocols.Tests.Mds.MdsTestDocuments;

namespace GeoCredit.Protocols.Tests.Mds;

public sealed class MdsEventParsingTests
{
    [Fact]
    public void Parse_events_sample_decodes_every_field()
    {
        var batch = MdsBatchParser.ParseEvents(Sample("agency-events.json"), Provider);

        Assert.Null(batch.BodyRejection);
        Assert.Empty(batch.Rejections);
        Assert.Equal(3, batch.Total);
        var start = batch.Records[0];
        Assert.Equal(0, start.Index);
        Assert.Equal(Guid.Parse(Device), start.DeviceId);
        Assert.Equal(Provider, start.ProviderId);
        Assert.Equal(Guid.Parse("df899d2a-5629-4310-af6b-af133d0b801a"), start.EventId);
        Assert.Equal(MdsVehicleState.OnTrip, start.VehicleState);
        Assert.Equal([MdsEventType.TripStart], start.EventTypes);
        Assert.Empty(start.UnknownEventTypes);
        Assert.Equal(new DateTimeOffset(2025, 3, 5, 2, 20, 30, 123, TimeSpan.Zero), start.Timestamp);
        Assert.Equal(39.908692, start.Location.Latitude);
        Assert.Equal(116.397477, start.Location.Longitude);
        Assert.Equal(44.0, start.Location.Altitude);
        Assert.Equal(270.0, start.Location.Heading);
        Assert.Equal(4.2, start.Location.SpeedMps);
        Assert.Equal(5.0, start.Location.HorizontalAccuracyM);
        Assert.Equal(11, start.Location.Satellites);
        Assert.Null(start.Location.VerticalAccuracyM);
        Assert.Equal(87, start.BatteryPercent);
        Assert.Null(start.FuelPercent);
        Assert.Equal([Guid.Parse(Trip)], start.TripIds);
        Assert.Null(start.AssociatedTicket);
    }

    [Fact]
    public void Parse_events_sample_reads_states_types_and_tickets_of_every_record()
    {
        var batch = MdsBatchParser.ParseEvents(Sample("agency-events.json"), Provider);

        Assert.Equal([MdsVehicleState.OnTrip, MdsVehicleState.Available, MdsVehicleState.NonOperational],
            batch.Records.Select(e => e.VehicleState));
        Assert.Equal([MdsEventType.TripStart, MdsEventType.TripEnd, MdsEventType.BatteryLow],
            batch.Records.Select(e => Assert.Single(e.EventTypes)));
        Assert.Equal("BJ-311-0042", batch.Records[2].AssociatedTicket);
        Assert.Equal(9, batch.Records[2].BatteryPercent);
        Assert.Null(batch.Records[2].Location.SpeedMps);
    }

    [Fact]
    public void Parse_events_batch_keeps_good_records_beside_bad_ones()
    {
        var batch = MdsBatchParser.ParseEvents(Sample("mixed-events.json"), Provider);

        Assert.Equal(6, batch.Total);
        Assert.Equal([0, 5], batch.Records.Select(e => e.Index));
        Assert.Equal([1, 2, 3, 4], batch.Rejections.Select(r => r.Index));
        Assert.Equal(["wrong_provider", "bad_timestamp", "missing_location", "unknown_vehicle_state"],
            batch.Rejections.Select(r => r.Code));
        Assert.All(batch.Rejections, r => Assert.StartsWith("{", r.Input, StringComparison.Ordinal));
        Assert.Contains("2025-03-05T02:21:00Z", batch.Rejections[1].Message, StringComparison.Ordinal);
        Assert.Contains("\"parked\"", batch.Rejections[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_events_unknown_event_type_keeps_the_record_and_lists_the_stranger()
    {
        var batch = Events(Event().With(e => e["event_types"] = new JsonArray("trip_end", "helmet_returned")));

        var record = Assert.Single(batch.Records);
        Assert.Equal([MdsEventType.TripEnd], record.EventTypes);
        Assert.Equal(["helmet_returned"], record.UnknownEventTypes);
    }

    [Fact]
    public void Parse_events_with_only_unknown_event_types_is_still_kept()
    {
        var batch = Events(Event().With(e => e["event_types"] = new JsonArray("teleported")));

        var record = Assert.Single(batch.Records);
        Assert.Empty(record.EventTypes);
        Assert.Equal(["teleported"], record.UnknownEventTypes);
    }

    [Theory]
    [InlineData("Available")]
    [InlineData("parked")]
    [InlineData("")]
    public void Parse_events_vehicle_state_outside_mds_is_refused(string state)
    {
        var batch = Events(Event().With(e => e["vehicle_state"] = state));

        Assert.Equal("unknown_vehicle_state", Assert.Single(batch.Rejections).Code);
    }

    [Fact]
    public void Parse_events_every_mds_vehicle_state_and_event_type_is_known()
    {
        var states = MdsVehicleStates.All.Select(s => Event().With(e => e["vehicle_state"] = s.ToWire()));
        var types = new JsonArray(MdsEventTypes.All.Select(t => (JsonNode?)t.ToWire()).ToArray());

        var byState = Events([.. states]);
        var byType = Events(Event().With(e => e["event_types"] = types));

        Assert.Equal(MdsVehicleStates.All, byState.Records.Select(e => e.VehicleState));
        Assert.Equal(26, MdsEventTypes.All.Count);
        Assert.Equal(MdsEventTypes.All, Assert.Single(byType.Records).EventTypes);
    }

    [Theory]
    [InlineData("[{0}]")]
    [InlineData("{{\"events\": [{0}]}}")]
    [InlineData("{{\"data\": [{0}]}}")]
    [InlineData("{{\"data\": {{\"events\": [{0}]}}}}")]
    [InlineData("{{\"version\": \"2.0.0\", \"data\": {{\"events\": [{0}]}}, \"links\": {{}}}}")]
    public void Parse_events_accepts_every_envelope(string envelope)
    {
        var body = string.Format(System.Globalization.CultureInfo.InvariantCulture, envelope, Event().ToJsonString());

        var batch = MdsBatchParser.ParseEvents(body, Provider);

        Assert.Null(batch.BodyRejection);
        Assert.Equal(Guid.Parse(Device), Assert.Single(batch.Records).DeviceId);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("42")]
    [InlineData("\"events\"")]
    [InlineData("{\"events\": {}}")]
    [InlineData("{\"data\": {\"events\": 3}}")]
    [InlineData("{\"telemetry\": []}")]
    public void Parse_events_body_of_the_wrong_shape_is_not_an_array(string body)
    {
        var batch = MdsBatchParser.ParseEvents(body, Provider);

        Assert.Equal("not_an_array", batch.BodyRejection?.Code);
        Assert.Empty(batch.Records);
        Assert.Empty(batch.Rejections);
        Assert.Equal(0, batch.Total);
    }

    [Fact]
    public void Parse_events_provider_feed_envelope_ignores_fields_it_does_not_read()
    {
        var batch = MdsBatchParser.ParseEvents(Sample("provider-events.json"), Provider);

        var record = Assert.Single(batch.Records);
        Assert.Equal(Guid.Parse("4c8dd6e1-4076-4e14-892c-5f8d6ca1103d"), record.DeviceId);
        Assert.Equal(Guid.Parse("904929a8-18f1-4fda-9b18-ca4a06843720"), record.DataProviderId);
        Assert.Equal(new DateTimeOffset(2025, 3, 5, 2, 20, 31, TimeSpan.Zero), record.PublicationTime);
        Assert.Equal(100, record.BatteryPercent);
    }

    [Fact]
    public void Parse_events_record_of_another_provider_is_wrong_provider()
    {
        var batch = Events(Event(), Event().With(e => e["provider_id"] = OtherProvider.ToString()));

        var rejection = Assert.Single(batch.Rejections);
        Assert.Equal(1, rejection.Index);
        Assert.Equal("wrong_provider", rejection.Code);
        Assert.Contains(OtherProvider.ToString(), rejection.Message, StringComparison.Ordinal);
        Assert.Single(batch.Records);
    }

    [Fact]
    public void Parse_events_wrong_provider_wins_over_other_faults_of_the_record()
    {
        var batch = Events(new JsonObject { ["provider_id"] = OtherProvider.ToString() });

        Assert.Equal("wrong_provider", Assert.Single(batch.Rejections).Code);
    }

    [Fact]
    public void Parse_events_provider_id_matches_whatever_the_case_of_its_digits()
    {
        var batch = Events(Event().With(e => e["provider_id"] = Provider.ToString().ToUpperInvariant()));

        Assert.Equal(Provider, Assert.Single(batch.Records).ProviderId);
    }

    [Theory]
    [InlineData(0L, "1970-01-01T00:00:00.000+00:00")]
    [InlineData(Timestamp, "2025-03-05T02:20:30.123+00:00")]
    [InlineData(-1L, "1969-12-31T23:59:59.999+00:00")]
    [InlineData(253_402_300_799_999L, "9999-12-31T23:59:59.999+00:00")]
    public void Parse_events_timestamp_milliseconds_become_utc(long milliseconds, string expected)
    {
        var batch = Events(Event().With(e => e["timestamp"] = milliseconds));

        var timestamp = Assert.Single(batch.Records).Timestamp;
        Assert.Equal(TimeSpan.Zero, timestamp.Offset);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), timestamp);
    }

    [Theory]
    [InlineData("\"1741141230123\"")]
    [InlineData("\"2025-03-05T02:20:30Z\"")]
    [InlineData("1741141230.123")]
    [InlineData("1.741141230123e12")]
    [InlineData("253402300800000")]
    [InlineData("99999999999999999999")]
    [InlineData("true")]
    [InlineData("{}")]
    public void Parse_events_timestamp_that_is_not_integer_milliseconds_is_bad_timestamp(string timestamp)
    {
        var body = Batch(Event()).Replace(Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            timestamp, StringComparison.Ordinal);

        var batch = MdsBatchParser.ParseEvents(body, Provider);

        Assert.Equal("bad_timestamp", Assert.Single(batch.Rejections).Code);
    }

    [Theory]
    [InlineData("location", "\"39.9,116.4\"")]
    [InlineData("location", "[39.9, 116.4]")]
    [InlineData("lat", "\"39.908692\"")]
    [InlineData("lat", "null")]
    [InlineData("lng", "\"NaN\"")]
    [InlineData("lng", "1e400")]
    [InlineData("speed", "\"fast\"")]
    [InlineData("heading", "\"Infinity\"")]
    [InlineData("horizontal_accuracy", "{}")]
    [InlineData("satellites", "3.5")]
    [InlineData("satellites", "-1")]
    public void Parse_events_location_that_is_not_a_gps_object_is_bad_location(string field, string value)
    {
        var record = Event();
        var target = field == "location" ? record : record["location"]!.AsObject();
        target[field] = "placeholder";
        var body = Batch(record).Replace("\"placeholder\"", value, StringComparison.Ordinal);

        var batch = MdsBatchParser.ParseEvents(body, Provider);

        var rejection = Assert.Single(batch.Rejections);
        Assert.Equal("bad_location", rejection.Code);
        Assert.Contains(field, rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_events_missing_lat_or_lng_is_bad_location()
    {
        var batch = Events(
            Event().With(e => e["location"]!.AsObject().Remove("lat")),
            Event().With(e => e["location"]!.AsObject().Remove("lng")));

        Assert.Equal(["bad_location", "bad_location"], batch.Rejections.Select(r => r.Code));
        Assert.Equal("location.lng is missing.", batch.Rejections[1].Message);
    }

    [Fact]
    public void Parse_events_null_optional_fields_are_read_as_absent()
    {
        var record = Event().With(e =>
        {
            e["battery_percent"] = null;
            e["trip_ids"] = null;
            e["associated_ticket"] = null;
            e["location"]!["speed"] = null;
        });

        var decoded = Assert.Single(Events(record).Records);

        Assert.Null(decoded.BatteryPercent);
        Assert.Empty(decoded.TripIds);
        Assert.Null(decoded.AssociatedTicket);
        Assert.Null(decoded.Location.SpeedMps);
    }

    [Theory]
    [InlineData("battery_percent", "101")]
    [InlineData("battery_percent", "-1")]
    [InlineData("battery_percent", "87.5")]
    [InlineData("battery_percent", "87.0")]
    [InlineData("battery_percent", "8.7e1")]
    [InlineData("fuel_percent", "\"full\"")]
    [InlineData("trip_ids", "\"ba82f54a-6d9e-41d8-97d3-aadfe4da23bb\"")]
    [InlineData("trip_ids", "[\"not-a-trip\"]")]
    [InlineData("data_provider_id", "42")]
    [InlineData("publication_time", "\"yesterday\"")]
    [InlineData("associated_ticket", "311")]
    public void Parse_events_optional_field_of_the_wrong_type_is_bad_field(string field, string value)
    {
        var body = Batch(Event().With(e => e[field] = "placeholder"))
            .Replace("\"placeholder\"", value, StringComparison.Ordinal);

        var batch = MdsBatchParser.ParseEvents(body, Provider);

        var rejection = Assert.Single(batch.Rejections);
        Assert.Equal("bad_field", rejection.Code);
        Assert.StartsWith(field, rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_events_too_many_records_refuses_the_whole_body()
    {
        var body = Batch(Event(), Event(), Event(), Event());

        var batch = MdsBatchParser.ParseEvents(body, Provider, maxRecords: 3);
        var atLimit = MdsBatchParser.ParseEvents(Batch(Event(), Event(), Event()), Provider, maxRecords: 3);

        Assert.Equal("too_many_records", batch.BodyRejection?.Code);
        Assert.Contains("4 records", batch.BodyRejection!.Message, StringComparison.Ordinal);
        Assert.Empty(batch.Records);
        Assert.Equal(3, atLimit.Records.Count);
    }

    [Fact]
    public void Parse_events_default_limit_is_ten_thousand_records()
    {
        var body = "[" + string.Join(',', Enumerable.Repeat("{}", 10_001)) + "]";

        var batch = MdsBatchParser.ParseEvents(body, Provider);

        Assert.Equal(10_000, MdsBatchParser.DefaultMaxRecords);
        Assert.Equal("too_many_records", batch.BodyRejection?.Code);
    }

    [Fact]
    public void Parse_events_empty_array_is_an_empty_batch()
    {
        var batch = MdsBatchParser.ParseEvents("{\"events\": []}", Provider);

        Assert.False(batch.IsBodyRejected);
        Assert.Equal(0, batch.Total);
        Assert.Empty(batch.Records);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[{\"device_id\": }]")]
    [InlineData("[1,]")]
    [InlineData("// comment\n[]")]
    [InlineData("\u0000")]
    public void Parse_events_body_that_is_not_json_is_not_json(string body)
    {
        var batch = MdsBatchParser.ParseEvents(body, Provider);

        Assert.Equal("not_json", batch.BodyRejection?.Code);
        Assert.StartsWith("The body is not valid JSON", batch.BodyRejection!.Message, StringComparison.Ordinal);
        Assert.Equal(body, batch.BodyRejection.Input);
    }

    [Fact]
    public void Parse_events_refused_record_input_is_cut_to_512_characters()
    {
        var record = Event().With(e =>
        {
            e.Remove("device_id");
            e["vendor_notes"] = new string('x', 2000);
        });

        var rejection = Assert.Single(Events(record).Rejections);

        Assert.Equal("missing_device_id", rejection.Code);
        Assert.Equal(MdsBatchParser.MaxInputLength + 1, rejection.Input.Length);
        Assert.EndsWith("…", rejection.Input, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_events_bytes_and_text_give_the_same_batch()
    {
        var text = Sample("mixed-events.json");

        var fromText = MdsBatchParser.ParseEvents(text, Provider);
        var fromBytes = MdsBatchParser.ParseEvents(Encoding.UTF8.GetBytes(text), Provider);

        Assert.Equal(fromText.Records.Select(e => e.EventId), fromBytes.Records.Select(e => e.EventId));
        Assert.Equal(fromText.Rejections, fromBytes.Rejections);
    }

    [Fact]
    public void Parse_events_body_after_a_utf8_byte_order_mark_is_read()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Batch(Event()))).ToArray();

        var batch = MdsBatchParser.ParseEvents(body, Provider);

        Assert.Single(batch.Records);
    }

    [Fact]
    public void Parse_events_empty_authenticated_provider_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => MdsBatchParser.ParseEvents("[]", Guid.Empty));
        Assert.Throws<ArgumentException>(() => MdsBatchParser.ParseTelemetry("[]", Guid.Empty));
    }
}
