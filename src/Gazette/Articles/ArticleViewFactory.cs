using System.Text.Json;
using Gazette.Media.Contracts;
using Gazette.Rendering;

namespace Gazette.Articles;

/// <summary>Turns stored rows into the view models templates see.</summary>
public static class ArticleViewFactory
{
    public static ArticleView Article(Article article, ArticleDetails details, Permalinks links, SiteTime time, ImageView? image = null)
    {
        var published = article.PublishedAt!.Value;
        return new ArticleView(
            article.Title,
            links.Article(article.Id, article.Slug, published),
            article.Summary,
            SafeHtml.FromStoredSanitized(article.BodyHtml),
            time.View(published),
            article.UpdatedAt > published.AddMinutes(5) ? time.View(article.UpdatedAt) : null,
            details.Bylines.Select(name => new LinkView(name, null)).ToList(),
            details.Sections.Select(section => new LinkView(section.Name, Permalinks.Section(section.Slug))).ToList(),
            details.Tags.Select(tag => new LinkView(tag.Name, Permalinks.Tag(tag.Slug))).ToList(),
            article.CommentCount,
            image);
    }

    /// <summary>A page: no bylines, sections or tags; "Updated" when it changed after it was published.</summary>
    public static ArticleView Page(Article page, string path, SiteTime time)
    {
        var published = page.PublishedAt!.Value;
        return new ArticleView(page.Title, path, page.Summary, SafeHtml.FromStoredSanitized(page.BodyHtml), time.View(published),
            page.UpdatedAt > published.AddMinutes(5) ? time.View(page.UpdatedAt) : null, [], [], [], 0);
    }

    public static ArticleCard Card(CardRow row, Permalinks links, SiteTime time) => new(
        row.Title,
        links.Article(row.Id, row.Slug, row.PublishedAt),
        row.Summary,
        time.View(row.PublishedAt),
        row.SectionSlug is null ? null : new LinkView(row.SectionName ?? row.SectionSlug, Permalinks.Section(row.SectionSlug)),
        row.Byline ?? "",
        row.CommentCount);

    /// <summary>schema.org NewsArticle as JSON-LD; the serializer escapes &lt; &gt; &amp; so it cannot close its script element.</summary>
    public static SafeHtml StructuredData(ArticleView article, string canonicalUrl, string publisher)
    {
        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "NewsArticle",
            ["headline"] = article.Title,
            ["description"] = article.Summary,
            ["datePublished"] = article.Published.Iso,
            ["dateModified"] = (article.Updated ?? article.Published).Iso,
            ["mainEntityOfPage"] = canonicalUrl,
            ["author"] = article.Bylines.Select(byline => new Dictionary<string, string> { ["@type"] = "Person", ["name"] = byline.Name }).ToList(),
            ["articleSection"] = article.Sections.Select(section => section.Name).ToList(),
            ["keywords"] = article.Tags.Select(tag => tag.Name).ToList(),
            ["publisher"] = new Dictionary<string, string> { ["@type"] = "Organization", ["name"] = publisher },
        };
        if (article.Image is { } image)
        {
            // Google asks for 16:9, 4:3 and 1:1 versions; the crops keep the focal point in each.
            data["image"] = (image.Crops.Count > 0 ? image.Crops : [image.Original]).Select(url => new Uri(new Uri(canonicalUrl), url).AbsoluteUri).ToList();
        }
        return SafeHtml.FromTrustedSource(JsonSerializer.Serialize(data));
    }
}
