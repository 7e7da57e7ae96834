using System.Text;

namespace GeoCredit.Protocols.Jt808;

/// <summary>
/// The STRING type of JT/T 808: GBK text (JT/T 808-2019, 4.2). GBK comes from the code-pages provider of the
/// shared framework, used directly rather than registered, so that nothing global changes.
/// </summary>
internal static class Jt808Text
{
    private const int GbkCodePage = 936;

    // Code page 936 is GBK in .NET; invalid bytes decode to U+FFFD instead of throwing.
    private static readonly Encoding Gbk =
        CodePagesEncodingProvider.Instance.GetEncoding(GbkCodePage, EncoderFallback.ReplacementFallback,
            DecoderFallback.ReplacementFallback) ?? Encoding.ASCII;

    /// <summary>Decodes a fixed-width or trailing field, dropping the 0x00 padding that follows short text.</summary>
    public static string Decode(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        var text = end < 0 ? field : field[..end];
        return text.IsEmpty ? string.Empty : Gbk.GetString(text).TrimEnd(' ');
    }

    public static int GetByteCount(string text) => Gbk.GetByteCount(text);

    public static int Encode(string text, Span<byte> destination) => Gbk.GetBytes(text, destination);
}
