using System.ComponentModel;
using Gazette.Articles.Contracts;
using Gazette.Rendering;
using Gazette.Related.Contracts;

namespace Gazette.NativeApi;

[Description("A public article, briefly.")]
public sealed record ArticleLink(
    [property: Description("The article's id.")] long Id,
    [property: Description("The headline, as plain text.")] string Title,
    [property: Description("The article's address.")] string Url,
    [property: Description("When it was published.")] DateTimeOffset PublishedAt,
    [property: Description("Its first section's name, or null.")] string? Section);

[Description("The coverage the article page shows under an article, in its order.")]
public sealed record RelatedCoverage(
    [property: Description("The article asked about.")] long ArticleId,
    IReadOnlyList<ArticleLink> Articles);

/// <summary><c>GET /api/v1/articles/{id}/related</c>: what the article page lists as related coverage.</summary>
public static class RelatedEndpoint
{
    public static void Map(RouteGroupBuilder reads) =>
        reads.MapGet("/articles/{id:long}/related", ReadAsync)
            .WithName("ApiGetRelatedCoverage")
            .WithTags("Articles")
            .WithSummary("Related coverage of an article")
            .WithDescription("The public articles the article's page lists as related coverage, most related first. 404 when the public cannot see the article.")
            .Produces<RelatedCoverage>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> ReadAsync(
        [Description("The article's id.")] long id,
        HttpContext context, IPublicArticles articles, IRelatedArticles related, PageRenderer pages, CancellationToken cancellationToken)
    {
        if (await articles.FindAsync(id, cancellationToken) is not { Kind: "article" })
        {
            return ApiProblems.NotFound("No public article has this id.");
        }
        var ids = await related.IdsAsync(id, cancellationToken);
        var visible = ids.Count == 0 ? [] : (await articles.FindManyAsync(ids, cancellationToken)).ToDictionary(article => article.Id);
        return Results.Ok(new RelatedCoverage(id, [.. ids.Where(visible.ContainsKey).Select(key => visible[key]).Select(article => new ArticleLink(
            article.Id, article.Title, pages.Absolute(context.Request, article.Path), article.PublishedAt,
            article.Sections.Count > 0 ? article.Sections[0].Name : null))]));
    }
}
