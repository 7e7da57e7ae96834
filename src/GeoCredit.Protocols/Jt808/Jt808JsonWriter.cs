using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GeoCredit.Protocols.Jt808;

/// <summary>
/// The output of <c>geocredit decode --format jt808</c>: for each input line (one frame in hex, with or without
/// its 0x7e flags) one JSON object per frame found, each on its own line (JSON Lines). A line that holds no
/// valid frame gives <c>{"error": code, "message": sentence, "input": line}</c>.
/// </summary>
/// <remarks>
/// Field names and units: <c>msg_id</c> "0x0200", <c>terminal</c> (every digit of the header, leading zeros
/// kept), <c>serial</c>, <c>version</c> 2013 or 2019; for locations <c>alarm</c>, <c>status</c>, <c>lat</c>
/// and <c>lon</c> in degrees (negative south and west), <c>altitude</c> m, <c>speed</c> km/h,
/// <c>direction</c> degrees, <c>time</c> ISO 8601 with the terminal's +08:00 offset, and <c>mileage</c> km and
/// <c>satellites</c> when the report has them; for 0x0704 <c>batch_type</c> and an array <c>locations</c>.
/// </remarks>
public static class Jt808JsonWriter
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Plates and names are Chinese text; the output is read by people and tools, not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the objects for one input line, each followed by a newline; nothing for a blank line.</summary>
    public static void WriteLine(IBufferWriter<byte> output, string line)
    {
        var text = line.AsSpan().Trim();
        if (text.IsEmpty)
        {
            return;
        }

        var bytes = Jt808Hex.Parse(text);
        if (bytes is null || bytes.Length == 0)
        {
            WriteError(output, Jt808Rejection.Of(Jt808Reason.BadHex), line);
            return;
        }

        var input = new ReadOnlySequence<byte>(WithFlags(bytes));
        using var reader = new Jt808FrameReader();
        var written = 0;
        while (true)
        {
            var result = reader.Read(input);
            if (result.Status == Jt808ReadStatus.NeedMoreData)
            {
                break;
            }

            input = input.Slice(result.Consumed);
            written++;
            if (result.Status == Jt808ReadStatus.Rejected)
            {
                WriteError(output, result.Rejection, line);
                continue;
            }

            WriteFrame(output, result.Frame, line);
        }

        if (written == 0)
        {
            WriteError(output, Jt808Rejection.Of(Jt808Reason.FrameTooShort), line);
        }
    }

    /// <summary>The objects for one input line as text, one per line.</summary>
    public static string Format(string line)
    {
        var output = new ArrayBufferWriter<byte>();
        WriteLine(output, line);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static byte[] WithFlags(byte[] bytes)
    {
        var opens = bytes[0] == Jt808Escaping.Flag;
        var closes = bytes.Length > 1 && bytes[^1] == Jt808Escaping.Flag;
        if (opens && closes)
        {
            return bytes;
        }

        var framed = new byte[bytes.Length + (opens ? 0 : 1) + (closes ? 0 : 1)];
        framed[0] = Jt808Escaping.Flag;
        bytes.CopyTo(framed, opens ? 0 : 1);
        framed[^1] = Jt808Escaping.Flag;
        return framed;
    }

    private static void WriteFrame(IBufferWriter<byte> output, Jt808Frame frame, string line)
    {
        var header = frame.Header;
        var body = frame.Body;

        // Decode the body first, so a bad body gives an error object rather than half an object.
        var rejection = Validate(header, body);
        if (rejection.IsRejected)
        {
            WriteError(output, rejection, line);
            return;
        }

        using var json = new Utf8JsonWriter(output, WriterOptions);
        json.WriteStartObject();
        json.WriteString("msg_id", Jt808MessageIds.Format(header.MessageId));
        json.WriteString("terminal", header.Terminal.ToString());
        json.WriteNumber("serial", header.Serial);
        json.WriteNumber("version", (int)header.Version);
        if (header.Version == Jt808Version.V2019)
        {
            json.WriteNumber("protocol_version", header.ProtocolVersion);
        }

        if (header.IsSubPackage)
        {
            // A package holds a fragment of the body, which only decodes once all packages are joined.
            json.WriteNumber("package_total", header.PackageTotal);
            json.WriteNumber("package_index", header.PackageIndex);
        }
        else
        {
            WriteBody(json, header, body);
        }

        json.WriteEndObject();
        json.Flush();
        NewLine(output);
    }

    private static Jt808Rejection Validate(in Jt808Header header, ReadOnlySpan<byte> body)
    {
        if (header.IsSubPackage)
        {
            return default;
        }

        if (header.Encryption != 0)
        {
            return Jt808Rejection.Of(Jt808Reason.UnsupportedEncryption);
        }

        Jt808Rejection rejection = default;
        _ = header.MessageId switch
        {
            Jt808MessageIds.LocationReport => Jt808LocationReport.TryDecode(body, out _, out rejection),
            Jt808MessageIds.LocationBatch => Jt808LocationBatch.TryDecode(body, out _, out rejection),
            Jt808MessageIds.Registration => Jt808Registration.TryDecode(body, header.Version, out _, out rejection),
            Jt808MessageIds.Authentication =>
                Jt808Authentication.TryDecode(body, header.Version, out _, out rejection),
            Jt808MessageIds.TerminalGeneralReply => Jt808TerminalReply.TryDecode(body, out _, out rejection),
            _ => true,
        };
        return rejection;
    }

    private static void WriteBody(Utf8JsonWriter json, in Jt808Header header, ReadOnlySpan<byte> body)
    {
        switch (header.MessageId)
        {
            case Jt808MessageIds.LocationReport:
                Jt808LocationReport.TryDecode(body, out var report, out _);
                WriteLocation(json, report);
                break;

            case Jt808MessageIds.LocationBatch:
                Jt808LocationBatch.TryDecode(body, out var batch, out _);
                json.WriteNumber("batch_type", batch.Type);
                json.WriteStartArray("locations");
                foreach (var item in batch)
                {
                    json.WriteStartObject();
                    WriteLocation(json, item);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                break;

            case Jt808MessageIds.Registration:
                Jt808Registration.TryDecode(body, header.Version, out var registration, out _);
                json.WriteNumber("province_id", registration!.ProvinceId);
                json.WriteNumber("city_id", registration.CityId);
                json.WriteString("manufacturer_id", registration.ManufacturerId);
                json.WriteString("terminal_model", registration.TerminalModel);
                json.WriteString("terminal_id", registration.TerminalId);
                json.WriteNumber("plate_colour", registration.PlateColour);
                json.WriteString("plate", registration.Plate);
                break;

            case Jt808MessageIds.Authentication:
                Jt808Authentication.TryDecode(body, header.Version, out var authentication, out _);
                json.WriteString("auth_code", authentication!.AuthCode);
                if (authentication.Imei is { } imei)
                {
                    json.WriteString("imei", imei);
                    json.WriteString("software_version", authentication.SoftwareVersion);
                }

                break;

            case Jt808MessageIds.TerminalGeneralReply:
            case Jt808MessageIds.PlatformGeneralReply:
                // Both general replies share one body layout: reply serial, reply id, result.
                if (body.Length >= Jt808TerminalReply.Length)
                {
                    json.WriteNumber("reply_serial", BinaryPrimitives.ReadUInt16BigEndian(body));
                    var repliedId = BinaryPrimitives.ReadUInt16BigEndian(body[2..]);
                    json.WriteString("reply_msg_id", Jt808MessageIds.Format(repliedId));
                    json.WriteNumber("result", body[4]);
                }

                break;

            case Jt808MessageIds.RegistrationReply when body.Length >= 3:
                json.WriteNumber("reply_serial", BinaryPrimitives.ReadUInt16BigEndian(body));
                json.WriteNumber("result", body[2]);
                if (body.Length > 3)
                {
                    json.WriteString("auth_code", Jt808Text.Decode(body[3..]));
                }

                break;

            default:
                break;
        }
    }

    private static void WriteLocation(Utf8JsonWriter json, in Jt808LocationReport report)
    {
        json.WriteNumber("alarm", report.Alarm);
        json.WriteNumber("status", report.Status);
        json.WriteNumber("lat", report.Latitude);
        json.WriteNumber("lon", report.Longitude);
        json.WriteNumber("altitude", report.Altitude);
        json.WriteNumber("speed", report.SpeedKmh);
        json.WriteNumber("direction", report.Direction);
        json.WriteString("time", report.Time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        if (report.MileageKm is { } mileage)
        {
            json.WriteNumber("mileage", mileage);
        }

        if (report.SatelliteCount is { } satellites)
        {
            json.WriteNumber("satellites", satellites);
        }
    }

    private static void WriteError(IBufferWriter<byte> output, in Jt808Rejection rejection, string line)
    {
        using var json = new Utf8JsonWriter(output, WriterOptions);
        json.WriteStartObject();
        json.WriteString("error", rejection.Code);
        json.WriteString("message", rejection.Message);
        json.WriteString("input", line);
        json.WriteEndObject();
        json.Flush();
        NewLine(output);
    }

    private static void NewLine(IBufferWriter<byte> output)
    {
        output.GetSpan(1)[0] = (byte)'\n';
        output.Advance(1);
    }
}
