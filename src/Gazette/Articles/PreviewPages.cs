using Gazette.Articles.Contracts;
using Gazette.Kernel;
using Gazette.Rendering;
using Gazette.Web;

namespace Gazette.Articles;

/// <summary>
/// An unpublished article through the public theme, as it will look, marked
/// Preview and not indexed, never stored by any cache. GET /preview/{token}/
/// shows one to whoever holds an unexpired preview link: it is in the Reader
/// writes group, not Public, because the page is one link holder's. The
/// newsroom's editor shows the form it holds the same way (<see cref="RenderAsync(ArticleInput, string, CancellationToken)"/>).
/// </summary>
public sealed class PreviewPages(PreviewLinks previewLinks, PublicArticleReader reader, Permalinks links, SiteTime siteTime, PageRenderer pages, MarkdownRenderer markdown,
    IEnumerable<INewsroomNames> names, TimeProvider time)
{
    public const string Route = PreviewLinks.PathPrefix + "{token}/";

    public const string Notice = "This is a preview: the article is not published and may still change.";

    public static void Map(RouteGroups groups) =>
        groups.ReaderWrites.MapMethods(Route, [HttpMethods.Get, HttpMethods.Head], (string token, PreviewPages previews, CancellationToken cancellationToken) =>
                previews.ShowAsync(token, cancellationToken))
            .WithName("Preview");

    /// <summary>What the editor's form would publish, unsaved: the server-side preview (no script needed); <paramref name="byline"/> when the form sets none.</summary>
    public async Task<IResult> RenderAsync(ArticleInput input, string byline, CancellationToken cancellationToken = default)
    {
        var article = new Article
        {
            Slug = Normalized.Slug(input.Slug ?? input.Title),
            Title = input.Title.Trim(),
            Summary = string.IsNullOrWhiteSpace(input.Summary) ? MarkdownRenderer.FirstParagraphText(input.BodyMarkdown) : input.Summary.Trim(),
            BodyMarkdown = input.BodyMarkdown,
            BodyHtml = markdown.Render(input.BodyMarkdown).Html,
            PublishedAt = input.PublishedAt,
            UpdatedAt = time.GetUtcNow(),
            Dateline = input.Dateline ?? "",
        };
        var details = new ArticleDetails(
            [.. input.Sections.Select(name => new Term { Slug = ArticleTerms.Slug("sections", name), Name = name.Trim() })],
            [.. input.Tags.Select(name => new Term { Slug = ArticleTerms.Slug("tags", name), Name = name.Trim() })],
            await BylinesAsync(input, byline, cancellationToken));
        return await RenderAsync(article, details, cancellationToken);
    }

    private async Task<IReadOnlyList<PublicByline>> BylinesAsync(ArticleInput input, string byline, CancellationToken cancellationToken)
    {
        if (input.Bylines is not { Count: > 0 } chosen)
        {
            return [new PublicByline(byline, null)];
        }
        var members = names.FirstOrDefault() is { } directory
            ? await directory.DisplayNamesAsync([.. chosen.Select(entry => entry.UserId).OfType<long>()], cancellationToken)
            : new Dictionary<long, string>();
        return [.. chosen.Select(entry => new PublicByline(entry.UserId is { } id ? members.GetValueOrDefault(id, entry.Name) : entry.Name, null, entry.Organization))];
    }

    private async Task<IResult> ShowAsync(string token, CancellationToken cancellationToken)
    {
        var article = await previewLinks.ResolveAsync(token, cancellationToken);
        return article is null
            ? await pages.NotFoundAsync(cancellationToken)
            : await RenderAsync(article, await reader.DetailsAsync(article.Id, cancellationToken), cancellationToken);
    }

    private async Task<IResult> RenderAsync(Article article, ArticleDetails details, CancellationToken cancellationToken)
    {
        var view = ArticleViewFactory.Article(article with { PublishedAt = article.PublishedAt ?? time.GetUtcNow() }, details, links, siteTime);
        var meta = new PageMeta($"Preview: {article.Title}", article.Summary, null, NoIndex: true);
        var model = new Dictionary<string, object?> { ["article"] = view, ["discussion"] = null, ["preview"] = Notice };
        return await pages.RenderAsync("article", meta, model, StatusCodes.Status200OK, HtmlPage.Private, cancellationToken);
    }
}
