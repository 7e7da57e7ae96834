using System.Buffers;
using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using GeoCredit.Protocols.Ais;
using GeoCredit.Protocols.Jt808;

namespace GeoCredit.Cli.Commands;

/// <summary>
/// <c>geocredit decode --format ais|jt808|mds [FILE]</c>: prints what a capture says, one JSON object per line
/// for each decoded message, or an object with <c>error</c> for each input refused; it never stops at a bad one.
/// </summary>
internal static class DecodeCommand
{
    private static readonly JsonWriterOptions WriterOptions =
        new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var format = new Option<string>("--format")
        {
            Description = "ais (NMEA 0183 lines), jt808 (one frame per line in hex) or mds (an MDS JSON document).",
            Required = true,
        };
        format.AcceptOnlyFromAmong("ais", "jt808", "mds");
        var file = new Argument<FileInfo?>("FILE")
        {
            Description = "The capture to read; standard input when left out.",
            Arity = ArgumentArity.ZeroOrOne,
        };

        var command = new Command("decode", "Decode a capture of AIS, JT/T 808 or MDS input into JSON lines.")
            { format, file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file);
            if (path is not null && !path.Exists)
            {
                await Console.Error.WriteLineAsync($"No such file: {path.FullName}");
                return 2;
            }

            using var input = path is null ? Console.In : new StreamReader(path.FullName);
            var output = Console.Out;
            switch (parse.GetValue(format))
            {
                case "ais":
                    await DecodeAisAsync(input, output, cancellationToken);
                    break;
                case "jt808":
                    await DecodeJt808Async(input, output, cancellationToken);
                    break;
                default:
                    await DecodeMdsAsync(input, output, cancellationToken);
                    break;
            }

            await output.FlushAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    private static async Task DecodeAisAsync(TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        var decoder = new AisDecoder(TimeProvider.System);
        var buffer = new ArrayBufferWriter<byte>();
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            var outcome = decoder.Decode(text.AsSpan());
            if (outcome.IsMessage)
            {
                WriteJsonLine(buffer, writer => AisJson.Write(writer, outcome.Message));
            }
            else if (outcome.IsRejected)
            {
                WriteJsonLine(buffer, writer => AisJson.WriteError(writer, outcome.Rejection!, text));
            }

            while (decoder.TryTakeDropped(out var dropped))
            {
                WriteJsonLine(buffer, writer => AisJson.WriteError(writer, dropped));
            }

            await FlushAsync(buffer, output, cancellationToken);
        }

        // Parts still waiting at the end of the capture will never be completed.
        decoder.ExpireFragments();
        while (decoder.TryTakeDropped(out var dropped))
        {
            WriteJsonLine(buffer, writer => AisJson.WriteError(writer, dropped));
        }

        await FlushAsync(buffer, output, cancellationToken);
    }

    private static async Task DecodeJt808Async(TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            Jt808JsonWriter.WriteLine(buffer, line);
            await FlushAsync(buffer, output, cancellationToken);
        }
    }

    private static async Task DecodeMdsAsync(TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        var document = await input.ReadToEndAsync(cancellationToken);
        var buffer = new ArrayBufferWriter<byte>();
        GeoCredit.Protocols.Mds.MdsJsonWriter.Write(buffer, document);
        await FlushAsync(buffer, output, cancellationToken);
    }

    private static void WriteJsonLine(ArrayBufferWriter<byte> buffer, Action<Utf8JsonWriter> write)
    {
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        buffer.GetSpan(1)[0] = (byte)'\n';
        buffer.Advance(1);
    }

    private static async Task FlushAsync(
        ArrayBufferWriter<byte> buffer, TextWriter output, CancellationToken cancellationToken)
    {
        if (buffer.WrittenCount == 0)
        {
            return;
        }

        await output.WriteAsync(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan).AsMemory(), cancellationToken);
        buffer.ResetWrittenCount();
    }
}
