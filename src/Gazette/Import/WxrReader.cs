using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Gazette.Kernel;

namespace Gazette.Import;

/// <summary>
/// Reads a WordPress eXtended RSS export (WXR 1.0, 1.1, 1.2) one entry at a
/// time: the reader holds one item (with its comments) at once, never the
/// document, so a file of any size reads in flat memory. Elements are matched
/// by local name within WordPress's namespaces whatever their version, the way
/// WordPress's own importer does. Stray ampersands are repaired
/// (<see cref="AmpersandRepair"/>); a file that is still not XML (truncated,
/// cut in the middle of a tag) stops with <see cref="WxrFormatException"/>
/// naming its line.
/// </summary>
public sealed class WxrReader : IDisposable
{
    /// <summary>WordPress.com writes its exports under https, WordPress itself under http; the importer matches the <c>wp</c> prefix, so both are read.</summary>
    private static readonly string[] WordPressNamespaces = ["http://wordpress.org/export/", "https://wordpress.org/export/"];
    private const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";
    private const string DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";

    private static readonly HashSet<string> ContentTypes = ["post", "page", "attachment"];

    private readonly AmpersandRepair _repair;
    private readonly XmlReader _xml;
    private bool _sawChannel;
    private int _entryLine;

    public WxrReader(Stream stream)
    {
        _repair = new AmpersandRepair(new StreamReader(stream, DeclaredEncoding.Of(stream), detectEncodingFromByteOrderMarks: true));
        _xml = XmlReader.Create(_repair, new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            // Exports carry control characters pasted from word processors; XML 1.0 forbids them, WordPress does not.
            CheckCharacters = false,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            XmlResolver = null,
        });
    }

    /// <summary>Ampersands escaped so far.</summary>
    public int RepairedAmpersands => _repair.Repaired;

    /// <summary>The WXR version the channel declares (<c>wp:wxr_version</c>), once read.</summary>
    public string? Version { get; private set; }

    public IEnumerable<WxrEntry> ReadAll()
    {
        while (true)
        {
            WxrEntry? entry;
            try
            {
                if (!Advance())
                {
                    break;
                }
                entry = ReadEntry();
            }
            catch (XmlException ex)
            {
                throw new WxrFormatException(ex.LineNumber, ex.Message, ex);
            }
            if (entry is not null)
            {
                yield return entry;
            }
        }
        if (!_sawChannel)
        {
            throw new WxrFormatException(0, "no <channel> element: this is not a WordPress export (WXR) file.");
        }
    }

    public void Dispose()
    {
        _xml.Dispose();
        _repair.Dispose();
    }

    /// <summary>Moves to the next element child of the channel; false at the end of the document.</summary>
    private bool Advance()
    {
        while (_xml.ReadState != ReadState.EndOfFile)
        {
            if (_xml.NodeType == XmlNodeType.Element && _xml.Depth == 2 && _sawChannel)
            {
                return true;
            }
            if (!_xml.Read())
            {
                return false;
            }
            if (_xml.NodeType == XmlNodeType.Element && _xml.LocalName == "channel" && _xml.Depth == 1)
            {
                _sawChannel = true;
            }
        }
        return false;
    }

    private WxrEntry? ReadEntry()
    {
        var local = _xml.LocalName;
        var isWordPress = IsWordPress(_xml.NamespaceURI);
        if (isWordPress && local == "wxr_version")
        {
            Version = _xml.ReadElementContentAsString().Trim();
            return null;
        }
        _entryLine = ((IXmlLineInfo)_xml).LineNumber;
        var element = (XElement)XNode.ReadFrom(_xml);
        return (isWordPress, local) switch
        {
            (true, "author") => Author(element),
            (true, "category") => new WxrTerm(false, Number(Wp(element, "term_id")), Wp(element, "category_nicename"), Wp(element, "cat_name"),
                NullIfEmpty(Wp(element, "category_parent")), Wp(element, "category_description")),
            (true, "tag") => new WxrTerm(true, Number(Wp(element, "term_id")), Wp(element, "tag_slug"), Wp(element, "tag_name"), null, Wp(element, "tag_description")),
            (false, "item") => Item(element),
            _ => null,
        };
    }

    private static WxrAuthor Author(XElement element)
    {
        var login = Wp(element, "author_login");
        var name = Wp(element, "author_display_name");
        return new WxrAuthor(Number(Wp(element, "author_id")), login, Wp(element, "author_email"), name.Length > 0 ? name : login);
    }

    private WxrEntry Item(XElement element)
    {
        var type = Wp(element, "post_type");
        if (type == "guest-author")
        {
            return GuestAuthor(element);
        }
        if (!ContentTypes.Contains(type))
        {
            return new WxrSkipped(type.Length > 0 ? type : "(none)");
        }
        var categories = new List<string>();
        var tags = new List<string>();
        var authors = new List<string>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var category in element.Elements().Where(child => child.Name.LocalName == "category" && child.Name.NamespaceName.Length == 0))
        {
            var slug = (string?)category.Attribute("nicename") ?? Normalized.Slug(category.Value);
            var domain = (string?)category.Attribute("domain");
            // WXR 1.0 calls tags "tag" and may leave a category's domain out.
            if (domain is "post_tag" or "tag")
            {
                tags.Add(slug);
            }
            else if (domain is null or "category")
            {
                categories.Add(slug);
            }
            else if (domain == "author")
            {
                authors.Add(CoAuthorSlug(slug, category.Value));
                continue;
            }
            else
            {
                continue;
            }
            names.TryAdd(slug, category.Value.Trim());
        }
        var creator = Child(element, DublinCoreNamespace, "creator");
        var (dateGmt, dateLocal) = Dates(Wp(element, "post_date_gmt"), Wp(element, "post_date"));
        return new WxrPost
        {
            Id = Number(Wp(element, "post_id")) ?? throw new XmlException("an item has no wp:post_id.", null, _entryLine, 0),
            PostType = type,
            Title = Child(element, "", "title"),
            Link = Child(element, "", "link"),
            Creator = creator,
            Content = Child(element, ContentNamespace, "encoded"),
            Excerpt = element.Elements().FirstOrDefault(child => child.Name.LocalName == "encoded" && child.Name.NamespaceName.EndsWith("/excerpt/", StringComparison.Ordinal))?.Value ?? "",
            Slug = Wp(element, "post_name"),
            Status = Wp(element, "status"),
            DateGmt = dateGmt,
            DateLocal = dateLocal,
            ParentId = Number(Wp(element, "post_parent")) ?? 0,
            CommentsOpen = Wp(element, "comment_status") != "closed",
            Password = Wp(element, "post_password"),
            Sticky = Wp(element, "is_sticky") == "1",
            AttachmentUrl = Wp(element, "attachment_url"),
            CategorySlugs = categories,
            TagSlugs = tags,
            AuthorSlugs = authors,
            TermNames = names,
            Meta = WpAll(element, "postmeta").Select(meta => KeyValuePair.Create(Wp(meta, "meta_key"), Wp(meta, "meta_value"))).ToList(),
            Comments = WpAll(element, "comment").Select(Comment).ToList(),
        };
    }

    /// <summary>A Co-Authors Plus guest author's profile, an item of its own type with the name in its meta.</summary>
    private static WxrGuestAuthor GuestAuthor(XElement element)
    {
        string Meta(string key) => WpAll(element, "postmeta").Where(meta => Wp(meta, "meta_key") == key).Select(meta => Wp(meta, "meta_value")).FirstOrDefault() ?? "";
        var slug = CoAuthorSlug(Meta("cap-user_login") is { Length: > 0 } login ? login : Wp(element, "post_name"), "");
        var name = Meta("cap-display_name");
        return new WxrGuestAuthor(slug, name.Length > 0 ? name : WordPressContent.PlainText(Child(element, "", "title")));
    }

    /// <summary>Co-Authors Plus files a byline as the term <c>cap-SLUG</c> named SLUG.</summary>
    private static string CoAuthorSlug(string nicename, string name) =>
        name.Trim() is { Length: > 0 } named ? named : nicename.StartsWith("cap-", StringComparison.Ordinal) ? nicename[4..] : nicename;

    private WxrComment Comment(XElement element)
    {
        var (dateGmt, dateLocal) = Dates(Wp(element, "comment_date_gmt"), Wp(element, "comment_date"));
        return new WxrComment(
            Number(Wp(element, "comment_id")) ?? throw new XmlException("a comment has no wp:comment_id.", null, _entryLine, 0),
            Number(Wp(element, "comment_parent")) ?? 0,
            Wp(element, "comment_author"),
            Wp(element, "comment_author_email"),
            Wp(element, "comment_author_url"),
            Wp(element, "comment_author_IP"),
            dateGmt,
            dateLocal,
            Wp(element, "comment_content"),
            Wp(element, "comment_approved"),
            Wp(element, "comment_type"),
            Number(Wp(element, "comment_user_id")) ?? 0);
    }

    /// <summary>WordPress writes <c>0000-00-00 00:00:00</c> for a date never set (a draft's GMT date).</summary>
    private static (DateTimeOffset? Gmt, DateTime? Local) Dates(string gmt, string local)
    {
        static DateTime? Parse(string text) =>
            DateTime.TryParseExact(text.Trim(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
        return (Parse(gmt) is { } utc ? new DateTimeOffset(utc, TimeSpan.Zero) : null, Parse(local));
    }

    private static bool IsWordPress(string namespaceUri) =>
        WordPressNamespaces.Any(prefix => namespaceUri.StartsWith(prefix, StringComparison.Ordinal)) && !namespaceUri.EndsWith("/excerpt/", StringComparison.Ordinal);

    private static IEnumerable<XElement> WpAll(XElement parent, string local) =>
        parent.Elements().Where(child => child.Name.LocalName == local && IsWordPress(child.Name.NamespaceName));

    private static string Wp(XElement parent, string local) => WpAll(parent, local).FirstOrDefault()?.Value.Trim() ?? "";

    private static string Child(XElement parent, string namespaceUri, string local) =>
        parent.Elements().FirstOrDefault(child => child.Name.LocalName == local && child.Name.NamespaceName == namespaceUri)?.Value ?? "";

    private static long? Number(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}

/// <summary>The export is not XML WordPress could have written; <paramref name="Line"/> is 0 when no line applies.</summary>
public sealed class WxrFormatException(int line, string problem, Exception? inner = null)
    : Exception(line > 0 ? $"line {line}: {problem}" : problem, inner)
{
    public int Line { get; } = line;
}
