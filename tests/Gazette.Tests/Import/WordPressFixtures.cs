using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Import;

/// <summary>
/// The captures of a real WordPress 6.1 in tests/fixtures/wordpress: its WXR export, its REST API's
/// answers and its uploads. The folder's README says how they were made and what each id is.
/// </summary>
public static partial class WordPressFixtures
{
    public static readonly XNamespace Wp = "http://wordpress.org/export/1.2/";

    public static string Path(params string[] parts) => Repository.Path(["tests", "fixtures", "wordpress", .. parts]);

    /// <summary>The export as WordPress wrote it: not well-formed (see the README).</summary>
    public static string ExportText() => File.ReadAllText(Path("export.xml"));

    /// <summary>
    /// The export with its raw ampersands escaped, so that a test can look things up in it with
    /// LINQ to XML. Only for checking the fixtures: an importer must read <see cref="ExportText"/>.
    /// </summary>
    public static XDocument ExportWithAmpersandsEscaped() => XDocument.Parse(RawAmpersand().Replace(ExportText(), "&amp;"));

    /// <summary>The body of rest/NAME.json.</summary>
    public static JsonDocument Rest(string name) => JsonDocument.Parse(File.ReadAllBytes(Path("rest", name + ".json")));

    /// <summary>The headers of rest/NAME.headers or, with folder "http", http/NAME.headers.</summary>
    public static CapturedHeaders Headers(string name, string folder = "rest") =>
        CapturedHeaders.Parse(File.ReadAllText(Path(folder, name + ".headers")));

    [GeneratedRegex("&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)")]
    private static partial Regex RawAmpersand();
}
