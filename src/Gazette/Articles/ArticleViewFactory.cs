using System.Text.Encodings.Web;
using System.Text.Json;
using Gazette.Articles.Contracts;
using Gazette.Media.Contracts;
using Gazette.Rendering;

namespace Gazette.Articles;

/// <summary>Turns stored rows into the view models templates see.</summary>
public static class ArticleViewFactory
{
    /// <summary>
    /// An article, "Updated" at its latest correction or update notice (decision 139); a byline naming a member of
    /// <paramref name="authors"/> links to their author page, a contributor's to nothing (decision 145); its dateline opens the body.
    /// </summary>
    public static ArticleView Article(Article article, ArticleDetails details, Permalinks links, SiteTime time, ImageView? image = null, IReadOnlyDictionary<long, PublicAuthor>? authors = null)
    {
        var published = article.PublishedAt!.Value;
        return new ArticleView(
            article.Title,
            links.Article(article.Id, article.Slug, published),
            article.Summary,
            WithDateline(article.BodyHtml, article.Dateline),
            time.View(published),
            article.RevisedAt is { } revised ? time.View(revised) : null,
            details.Bylines.Select(byline => new BylineView(byline.Name, byline.UserId is { } id && authors?.GetValueOrDefault(id) is { } author ? author.Path : null, byline.Organization)).ToList(),
            details.Sections.Select(section => new LinkView(section.Name, Permalinks.Section(section.Slug))).ToList(),
            details.Tags.Select(tag => new LinkView(tag.Name, Permalinks.Tag(tag.Slug))).ToList(),
            article.CommentCount,
            image,
            [.. (details.Notices ?? []).Select(notice => notice.ToPublic()).Select(notice => new NoticeView(notice.Kind, notice.Label, notice.Note, time.View(notice.At)))])
        {
            Dateline = article.Dateline,
        };
    }

    /// <summary>
    /// The body with its dateline leading its first paragraph, as wire copy prints it ("KYIV, Ukraine — The ..."),
    /// or in a paragraph of its own when the body opens otherwise (a heading, a picture).
    /// </summary>
    public static SafeHtml WithDateline(string bodyHtml, string dateline)
    {
        if (dateline.Length == 0)
        {
            return SafeHtml.FromStoredSanitized(bodyHtml);
        }
        var place = $"<span class=\"dateline\">{HtmlEncoder.Default.Encode(dateline)} —</span>";
        return SafeHtml.FromStoredSanitized(bodyHtml.StartsWith("<p>", StringComparison.Ordinal)
            ? $"<p>{place} {bodyHtml[3..]}"
            : $"<p>{place}</p>\n{bodyHtml}");
    }

    /// <summary>A page: no bylines, sections or tags; "Updated" when it changed after it was published.</summary>
    public static ArticleView Page(Article page, string path, SiteTime time)
    {
        var published = page.PublishedAt!.Value;
        return new ArticleView(page.Title, path, page.Summary, SafeHtml.FromStoredSanitized(page.BodyHtml), time.View(published),
            page.UpdatedAt > published.AddMinutes(5) ? time.View(page.UpdatedAt) : null, [], [], [], 0);
    }

    public static ArticleCard Card(CardRow row, Permalinks links, SiteTime time, IReadOnlyDictionary<long, ImageView>? images = null) => new(
        row.Title,
        links.Article(row.Id, row.Slug, row.PublishedAt),
        row.Summary,
        time.View(row.PublishedAt),
        row.SectionSlug is null ? null : new LinkView(row.SectionName ?? row.SectionSlug, Permalinks.Section(row.SectionSlug)),
        row.Byline ?? "",
        row.CommentCount,
        row.FeaturedMediaId is { } mediaId ? images?.GetValueOrDefault(mediaId) : null);

    /// <summary>
    /// schema.org NewsArticle and its BreadcrumbList (home, first section, article) as
    /// JSON-LD, with the properties Google's article guidelines require or
    /// recommend; the serializer escapes &lt; &gt; &amp; so it cannot close its script element.
    /// A live blog is a LiveBlogPosting instead, with its coverage times and the entries on the page (decision 150).
    /// </summary>
    public static SafeHtml StructuredData(ArticleView article, string canonicalUrl, string publisher, LiveView? live = null)
    {
        var site = new Uri(canonicalUrl);
        string Absolute(string path) => new Uri(site, path).AbsoluteUri;
        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "NewsArticle",
            ["headline"] = article.Title,
            ["description"] = article.Summary,
            ["datePublished"] = article.Published.Iso,
            ["dateModified"] = (article.Updated ?? article.Published).Iso,
            ["mainEntityOfPage"] = new Dictionary<string, string> { ["@type"] = "WebPage", ["@id"] = canonicalUrl },
            ["url"] = canonicalUrl,
            ["author"] = article.Bylines.Select(byline => byline.Url is null
                ? new Dictionary<string, string> { ["@type"] = byline.Organization ? "Organization" : "Person", ["name"] = byline.Name }
                : new Dictionary<string, string> { ["@type"] = "Person", ["name"] = byline.Name, ["url"] = Absolute(byline.Url) }).ToList(),
            ["articleSection"] = article.Sections.Select(section => section.Name).ToList(),
            ["keywords"] = article.Tags.Select(tag => tag.Name).ToList(),
            ["publisher"] = new Dictionary<string, object>
            {
                ["@type"] = "NewsMediaOrganization",
                ["name"] = publisher,
                ["url"] = Absolute("/"),
                ["logo"] = new Dictionary<string, string> { ["@type"] = "ImageObject", ["url"] = Absolute(LogoPath) },
            },
        };
        if (article.Dateline.Length > 0)
        {
            data["dateline"] = article.Dateline;
        }
        if (live is not null)
        {
            data["@type"] = "LiveBlogPosting";
            data["coverageStartTime"] = live.Started.Iso;
            if (live.Ended is { } ended)
            {
                data["coverageEndTime"] = ended.Iso;
            }
            data["liveBlogUpdate"] = live.Entries.Select(entry => LiveUpdate(entry, Absolute)).ToList();
        }
        if (article.Image is { } image)
        {
            // Google asks for 16:9, 4:3 and 1:1 versions; the crops keep the focal point in each.
            data["image"] = (image.Crops.Count > 0 ? image.Crops : [image.Original]).Select(Absolute).ToList();
        }
        var crumbs = new List<(string Name, string Url)> { (publisher, Absolute("/")) };
        if (article.Sections.Count > 0 && article.Sections[0] is { Url: { } sectionUrl } section)
        {
            crumbs.Add((section.Name, Absolute(sectionUrl)));
        }
        crumbs.Add((article.Title, canonicalUrl));
        var breadcrumbs = new Dictionary<string, object>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "BreadcrumbList",
            ["itemListElement"] = crumbs.Select((crumb, index) => new Dictionary<string, object>
            {
                ["@type"] = "ListItem", ["position"] = index + 1, ["name"] = crumb.Name, ["item"] = crumb.Url,
            }).ToList(),
        };
        return SafeHtml.FromTrustedSource(JsonSerializer.Serialize(new object[] { data, breadcrumbs }));
    }

    private static Dictionary<string, string> LiveUpdate(LiveEntryView entry, Func<string, string> absolute)
    {
        var text = PlainText.Of(entry.Body.Html);
        return new Dictionary<string, string>
        {
            ["@type"] = "BlogPosting",
            ["headline"] = entry.Headline.Length > 0 ? entry.Headline : PlainText.Cut(text, 110),
            ["datePublished"] = entry.Posted.Iso,
            ["url"] = absolute(entry.Url),
            ["articleBody"] = text,
        };
    }

    /// <summary>The publisher's logo in structured data: the theme's mark.</summary>
    public const string LogoPath = "/assets/favicon.svg";

    /// <summary>OpenGraph's and Twitter's view of an article: its 16:9 crop when it has a picture, its times and terms.</summary>
    public static SocialMeta Social(ArticleView article, string canonicalUrl)
    {
        var image = article.Image;
        var wide = image is { Crops.Count: > 0, WideCropWidth: > 0 };
        return new SocialMeta(
            "article",
            image is null ? null : new Uri(new Uri(canonicalUrl), wide ? image.Crops[0] : image.Original).AbsoluteUri,
            image is null ? 0 : wide ? image.WideCropWidth : image.Width,
            image is null ? 0 : wide ? image.WideCropHeight : image.Height,
            image?.Alt ?? "",
            article.Published.Iso,
            (article.Updated ?? article.Published).Iso,
            article.Sections.Count > 0 ? article.Sections[0].Name : null,
            [.. article.Tags.Select(tag => tag.Name)]);
    }
}
