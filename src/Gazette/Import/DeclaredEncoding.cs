using System.Text;
using System.Text.RegularExpressions;

namespace Gazette.Import;

/// <summary>
/// The encoding an export's XML declaration names (<c>&lt;?xml version="1.0"
/// encoding="windows-1252"?&gt;</c>): a WordPress whose <c>blog_charset</c> is
/// not UTF-8 writes its export in that charset. The text goes through
/// <see cref="AmpersandRepair"/> before the XML reader, which then no longer
/// sees bytes, so the declaration is read here first. ISO-8859-1 is read as
/// windows-1252, as browsers (and so the WordPress that took the text) do: its
/// 0x80-0x9F are the curly quotes and dashes people typed.
/// </summary>
public static partial class DeclaredEncoding
{
    private const int Sniffed = 1024;

    static DeclaredEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding to read <paramref name="stream"/> with, which is left where it was; UTF-8 when nothing is declared.</summary>
    public static Encoding Of(Stream stream)
    {
        if (!stream.CanSeek)
        {
            return Encoding.UTF8;
        }
        var start = stream.Position;
        var head = new byte[Sniffed];
        var length = stream.ReadAtLeast(head, Sniffed, throwOnEndOfStream: false);
        stream.Position = start;
        var match = Declaration().Match(Encoding.Latin1.GetString(head, 0, length));
        if (!match.Success)
        {
            return Encoding.UTF8;
        }
        var name = match.Groups[1].Value;
        if (name.Equals("iso-8859-1", StringComparison.OrdinalIgnoreCase) || name.Equals("latin1", StringComparison.OrdinalIgnoreCase) || name.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
        {
            name = "windows-1252";
        }
        try
        {
            var encoding = Encoding.GetEncoding(name);
            // A UTF-16 declaration in text read as single bytes is a mislabelled file; its byte order mark decides.
            return encoding is UnicodeEncoding ? Encoding.UTF8 : encoding;
        }
        catch (ArgumentException)
        {
            throw new WxrFormatException(1, $"the file declares the encoding '{name}', which Gazette cannot read; convert it to UTF-8 (iconv -f {name} -t UTF-8).");
        }
    }

    [GeneratedRegex("""^(?:\xEF\xBB\xBF)?\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""", RegexOptions.CultureInvariant)]
    private static partial Regex Declaration();
}
