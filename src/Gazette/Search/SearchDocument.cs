using AngleSharp.Html.Parser;
using Gazette.Articles.Contracts;

namespace Gazette.Search;

/// <summary>What the index holds of one public article or page: its text (title, summary, body text without markup, tag names) and that text's CJK shadow.</summary>
public sealed record SearchDocument(long ArticleId, string Path, string Title, DateTimeOffset PublishedAt, string Body, string Cjk)
{
    private static readonly HtmlParser Parser = new();

    public static SearchDocument From(PublicArticle article)
    {
        var bodyText = Parser.ParseDocument(article.BodyHtml).Body?.TextContent ?? "";
        var body = string.Join('\n', new[] { article.Title, article.Summary, bodyText, string.Join(' ', article.Tags.Select(t => t.Name)) }
            .Where(part => part.Length > 0));
        return new SearchDocument(article.Id, article.Path, article.Title, article.PublishedAt, body, CjkShadow.Of(body));
    }
}
