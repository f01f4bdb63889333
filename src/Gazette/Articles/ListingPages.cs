using Gazette.Caching;
using Gazette.Rendering;
using Gazette.Site;

namespace Gazette.Articles;

/// <summary>
/// The home page and the section and tag archives: newest first, a page at a
/// time, older pages reached by <c>?before=ID</c> (keyset: any page costs what the first does).
/// </summary>
public static class ListingPages
{
    public const string BeforeKey = "before";

    public static RouteGroupBuilder MapListingPages(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("");
        group.CacheOutput(new PublicPagePolicy([BeforeKey], [], PublicPagePolicy.ListingLifetime));
        group.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], HomeAsync).WithName("Home");
        group.MapMethods("/section/{slug}/", [HttpMethods.Get, HttpMethods.Head], SectionAsync).WithName("Section");
        group.MapMethods("/tag/{slug}/", [HttpMethods.Get, HttpMethods.Head], TagAsync).WithName("Tag");
        return group;
    }

    private static Task<IResult> HomeAsync(HttpContext context, PublicArticleReader reader, PageRenderer pages, CancellationToken cancellationToken)
    {
        PageCache.Tag(context, CacheTags.Home);
        var meta = new PageMeta(pages.Site.Title, pages.Site.Tagline, pages.Absolute(context.Request, "/"));
        return ListAsync(context, reader, pages, "home", meta, new Listing("Latest news", "", "/"), cancellationToken);
    }

    private static async Task<IResult> SectionAsync(string slug, HttpContext context, PublicArticleReader reader, TaxonomyStore taxonomy, PageRenderer pages, CancellationToken cancellationToken)
    {
        var section = await taxonomy.FindSectionAsync(slug, cancellationToken);
        if (section is null)
        {
            return await pages.NotFoundAsync(cancellationToken);
        }
        var path = Permalinks.Section(section.Slug);
        if (!string.Equals(context.Request.Path.Value, path, StringComparison.Ordinal))
        {
            return Results.Redirect(path + context.Request.QueryString, permanent: true);
        }
        PageCache.Tag(context, CacheTags.Section(section.Id));
        var meta = new PageMeta($"{section.Name} | {pages.Site.Title}", section.Description.Length > 0 ? section.Description : $"The latest from {section.Name}.", pages.Absolute(context.Request, path));
        return await ListAsync(context, reader, pages, "archive", meta, new Listing(section.Name, section.Description, path, SectionId: section.Id), cancellationToken);
    }

    private static async Task<IResult> TagAsync(string slug, HttpContext context, PublicArticleReader reader, TaxonomyStore taxonomy, PageRenderer pages, CancellationToken cancellationToken)
    {
        var tag = await taxonomy.FindTagAsync(slug, cancellationToken);
        if (tag is null)
        {
            return await pages.NotFoundAsync(cancellationToken);
        }
        var path = Permalinks.Tag(tag.Slug);
        if (!string.Equals(context.Request.Path.Value, path, StringComparison.Ordinal))
        {
            return Results.Redirect(path + context.Request.QueryString, permanent: true);
        }
        PageCache.Tag(context, CacheTags.Tag(tag.Id));
        var meta = new PageMeta($"{tag.Name} | {pages.Site.Title}", $"Articles tagged {tag.Name}.", pages.Absolute(context.Request, path));
        return await ListAsync(context, reader, pages, "archive", meta, new Listing(tag.Name, "", path, TagId: tag.Id), cancellationToken);
    }

    private static async Task<IResult> ListAsync(HttpContext context, PublicArticleReader reader, PageRenderer pages, string template, PageMeta meta, Listing listing, CancellationToken cancellationToken)
    {
        long? before = null;
        if (context.Request.Query.TryGetValue(BeforeKey, out var value))
        {
            if (!long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
                || !await reader.IsPublishedAsync(id, cancellationToken))
            {
                return await pages.NotFoundAsync(cancellationToken);
            }
            before = id;
            meta = meta with { CanonicalUrl = pages.Absolute(context.Request, Permalinks.Older(listing.Path, id)) };
        }
        var pageSize = pages.Site.PageSize;
        var rows = await reader.ListAsync(new ListCardsRequest(pageSize + 1, before, listing.SectionId, listing.TagId), cancellationToken);
        var cards = rows.Take(pageSize).Select(ArticleViewFactory.Card).ToList();
        var older = rows.Count > pageSize ? Permalinks.Older(listing.Path, rows[pageSize - 1].Id) : null;
        var view = new ListingView(listing.Heading, listing.Description, cards, older, before is null ? null : listing.Path);
        return await pages.RenderAsync(template, meta, new Dictionary<string, object?> { ["listing"] = view }, cancellationToken: cancellationToken);
    }

    private sealed record Listing(string Heading, string Description, string Path, long? SectionId = null, long? TagId = null);
}
