using AngleSharp.Html.Parser;
using Gazette.Articles.Contracts;

namespace Gazette.Search;

/// <summary>
/// What the index holds of one public article or page: its text (title,
/// summary, body text without markup, tag names), that text's CJK shadow, and
/// their length in tokens as FTS5 counts them (runs of letters and digits, and
/// the shadow's tokens), which bm25 on PostgreSQL needs (decision 94).
/// </summary>
public sealed record SearchDocument(long ArticleId, string Path, string Title, DateTimeOffset PublishedAt, string Body, string Cjk)
{
    public int Tokens { get; } = Count(Body) + (Cjk.Length == 0 ? 0 : Cjk.Count(c => c == ' ') + 1);

    private static readonly HtmlParser Parser = new();

    public static SearchDocument From(PublicArticle article)
    {
        var bodyText = Parser.ParseDocument(article.BodyHtml).Body?.TextContent ?? "";
        var body = string.Join('\n', new[] { article.Title, article.Summary, bodyText, string.Join(' ', article.Tags.Select(t => t.Name)) }
            .Where(part => part.Length > 0));
        return new SearchDocument(article.Id, article.Path, article.Title, article.PublishedAt, body, CjkShadow.Of(body));
    }

    private static int Count(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsLetterOrDigit(text[i]) && (i == 0 || !char.IsLetterOrDigit(text[i - 1])))
            {
                count++;
            }
        }
        return count;
    }
}
