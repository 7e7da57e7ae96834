using System.Globalization;
using System.Text.Json;

namespace GeoCredit.Protocols.Ais;

/// <summary>
/// Writes decoded AIS messages as JSON objects with gpsd's AIS field names (gpsd_json(5), class AIS) but in real
/// units: degrees, knots, metres, degrees per minute. A field that is not available is left out rather than
/// written as a sentinel. Also writes refused lines as <c>{"error", "message", "input"}</c> objects.
/// </summary>
/// <remarks>
/// Text fields may hold <c>&lt; &gt; &amp; '</c>, which the default encoder escapes as <c>\u003C</c> and the like; a
/// writer made with <c>JavaScriptEncoder.UnsafeRelaxedJsonEscaping</c> keeps them readable in a terminal.
/// </remarks>
public static class AisJson
{
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Repeat = JsonEncodedText.Encode("repeat");
    private static readonly JsonEncodedText Mmsi = JsonEncodedText.Encode("mmsi");
    private static readonly JsonEncodedText Station = JsonEncodedText.Encode("station");
    private static readonly JsonEncodedText StationTime = JsonEncodedText.Encode("station_time");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText Turn = JsonEncodedText.Encode("turn");
    private static readonly JsonEncodedText Speed = JsonEncodedText.Encode("speed");
    private static readonly JsonEncodedText Accuracy = JsonEncodedText.Encode("accuracy");
    private static readonly JsonEncodedText Lon = JsonEncodedText.Encode("lon");
    private static readonly JsonEncodedText Lat = JsonEncodedText.Encode("lat");
    private static readonly JsonEncodedText Course = JsonEncodedText.Encode("course");
    private static readonly JsonEncodedText Heading = JsonEncodedText.Encode("heading");
    private static readonly JsonEncodedText Second = JsonEncodedText.Encode("second");
    private static readonly JsonEncodedText Raim = JsonEncodedText.Encode("raim");
    private static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
    private static readonly JsonEncodedText PartNumber = JsonEncodedText.Encode("partno");
    private static readonly JsonEncodedText Imo = JsonEncodedText.Encode("imo");
    private static readonly JsonEncodedText CallSign = JsonEncodedText.Encode("callsign");
    private static readonly JsonEncodedText ShipName = JsonEncodedText.Encode("shipname");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText AidType = JsonEncodedText.Encode("aid_type");
    private static readonly JsonEncodedText ShipType = JsonEncodedText.Encode("shiptype");
    private static readonly JsonEncodedText VendorId = JsonEncodedText.Encode("vendorid");
    private static readonly JsonEncodedText Model = JsonEncodedText.Encode("model");
    private static readonly JsonEncodedText Serial = JsonEncodedText.Encode("serial");
    private static readonly JsonEncodedText MothershipMmsi = JsonEncodedText.Encode("mothership_mmsi");
    private static readonly JsonEncodedText ToBow = JsonEncodedText.Encode("to_bow");
    private static readonly JsonEncodedText ToStern = JsonEncodedText.Encode("to_stern");
    private static readonly JsonEncodedText ToPort = JsonEncodedText.Encode("to_port");
    private static readonly JsonEncodedText ToStarboard = JsonEncodedText.Encode("to_starboard");
    private static readonly JsonEncodedText Draught = JsonEncodedText.Encode("draught");
    private static readonly JsonEncodedText Eta = JsonEncodedText.Encode("eta");
    private static readonly JsonEncodedText Destination = JsonEncodedText.Encode("destination");
    private static readonly JsonEncodedText OffPosition = JsonEncodedText.Encode("off_position");
    private static readonly JsonEncodedText VirtualAid = JsonEncodedText.Encode("virtual_aid");
    private static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText Input = JsonEncodedText.Encode("input");

    /// <summary>Writes one message as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, in AisMessage message)
    {
        ArgumentNullException.ThrowIfNull(writer);

        writer.WriteStartObject();
        writer.WriteNumber(Type, message.Type);
        writer.WriteNumber(Repeat, message.Repeat);
        writer.WriteNumber(Mmsi, message.Mmsi);
        WriteReception(writer, message.Reception);

        if (message.Position is { } position)
        {
            WritePosition(writer, position);
        }

        if (message.Timestamp is { } timestamp)
        {
            WriteTime(writer, Timestamp, timestamp);
        }

        if (message.Static is { } data)
        {
            WriteStatic(writer, data, message.Type == 21 ? Name : ShipName);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes a refused line as <c>{"error": code, "message": sentence, "input": line}</c>.</summary>
    public static void WriteError(Utf8JsonWriter writer, AisRejection rejection, ReadOnlySpan<char> input)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rejection);

        writer.WriteStartObject();
        writer.WriteString(Error, rejection.Code);
        writer.WriteString(Message, rejection.Message);
        writer.WriteString(Input, input);
        writer.WriteEndObject();
    }

    /// <summary>Writes an incomplete message that was given up on, with its first fragment as the input.</summary>
    public static void WriteError(Utf8JsonWriter writer, AisDroppedMessage dropped)
    {
        ArgumentNullException.ThrowIfNull(dropped);

        WriteError(writer, dropped.Rejection, dropped.Input);
    }

    private static void WriteReception(Utf8JsonWriter writer, AisReception reception)
    {
        if (reception.Station is { } station)
        {
            writer.WriteString(Station, station);
        }

        if (reception.StationTime is { } time)
        {
            WriteTime(writer, StationTime, time);
        }
    }

    private static void WritePosition(Utf8JsonWriter writer, AisPositionReport position)
    {
        WriteNumber(writer, Status, position.NavigationStatus);

        if (position.RateOfTurn is { } turn)
        {
            WriteTurn(writer, turn);
        }

        WriteNumber(writer, Speed, position.Speed, decimals: 1);
        writer.WriteBoolean(Accuracy, position.HighAccuracy);

        // Six decimals are 0.1 m: finer than 1/10 000 minute (0.19 m), so nothing is lost by rounding.
        WriteNumber(writer, Lon, position.Longitude, decimals: 6);
        WriteNumber(writer, Lat, position.Latitude, decimals: 6);
        WriteNumber(writer, Course, position.Course, decimals: 1);
        WriteNumber(writer, Heading, position.Heading);
        WriteNumber(writer, Second, position.Second);
        writer.WriteBoolean(Raim, position.Raim);
    }

    /// <summary>Like gpsd: "fastright"/"fastleft" when only the direction is known, else degrees per minute.</summary>
    private static void WriteTurn(Utf8JsonWriter writer, AisRateOfTurn turn)
    {
        if (turn.DegreesPerMinute is { } rate)
        {
            writer.WriteNumber(Turn, Math.Round(rate, 1));
            return;
        }

        writer.WriteString(Turn, turn.IsTurningRight ? "fastright" : "fastleft");
    }

    private static void WriteStatic(Utf8JsonWriter writer, AisStaticData data, JsonEncodedText nameField)
    {
        WriteNumber(writer, PartNumber, data.PartNumber);
        WriteNumber(writer, Imo, data.ImoNumber);
        WriteString(writer, CallSign, data.CallSign);
        WriteString(writer, nameField, data.Name);
        WriteNumber(writer, AidType, data.AidType);
        WriteNumber(writer, ShipType, data.ShipType);
        WriteString(writer, VendorId, data.VendorId);
        WriteNumber(writer, Model, data.UnitModel);
        WriteNumber(writer, Serial, data.SerialNumber);
        WriteNumber(writer, MothershipMmsi, data.MothershipMmsi);

        if (data.Dimensions is { } dimensions)
        {
            writer.WriteNumber(ToBow, dimensions.ToBow);
            writer.WriteNumber(ToStern, dimensions.ToStern);
            writer.WriteNumber(ToPort, dimensions.ToPort);
            writer.WriteNumber(ToStarboard, dimensions.ToStarboard);
        }

        WriteNumber(writer, Draught, data.Draught, decimals: 1);
        if (data.Eta is { IsComplete: true } eta)
        {
            WriteEta(writer, eta);
        }

        WriteString(writer, Destination, data.Destination);

        if (data.IsOffPosition is { } offPosition)
        {
            writer.WriteBoolean(OffPosition, offPosition);
        }

        if (data.IsVirtualAid is { } virtualAid)
        {
            writer.WriteBoolean(VirtualAid, virtualAid);
        }
    }

    /// <summary>gpsd's ETA form, <c>MM-DDTHH:MMZ</c>: the year is not sent (ITU-R M.1371-5, Annex 8, §3.3).</summary>
    private static void WriteEta(Utf8JsonWriter writer, AisEta eta)
    {
        Span<char> text = stackalloc char[12];
        var written = 0;
        text[written++] = Digit(eta.Month!.Value / 10);
        text[written++] = Digit(eta.Month.Value % 10);
        text[written++] = '-';
        text[written++] = Digit(eta.Day!.Value / 10);
        text[written++] = Digit(eta.Day.Value % 10);
        text[written++] = 'T';
        text[written++] = Digit(eta.Hour!.Value / 10);
        text[written++] = Digit(eta.Hour.Value % 10);
        text[written++] = ':';
        text[written++] = Digit(eta.Minute!.Value / 10);
        text[written++] = Digit(eta.Minute.Value % 10);
        text[written++] = 'Z';
        writer.WriteString(Eta, text[..written]);
    }

    private static char Digit(int value) => (char)('0' + value);

    /// <summary>ISO 8601 in UTC, with milliseconds only when there are any.</summary>
    private static void WriteTime(Utf8JsonWriter writer, JsonEncodedText name, DateTimeOffset time)
    {
        Span<char> text = stackalloc char[32];
        var format = time.UtcTicks % TimeSpan.TicksPerSecond == 0
            ? "yyyy-MM-dd'T'HH:mm:ss'Z'"
            : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        if (time.UtcDateTime.TryFormat(text, out var written, format, CultureInfo.InvariantCulture))
        {
            writer.WriteString(name, text[..written]);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, JsonEncodedText name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, JsonEncodedText name, double? value, int decimals)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, Math.Round(number, decimals));
        }
    }

    private static void WriteString(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
