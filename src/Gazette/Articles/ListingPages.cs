using Gazette.Articles.Contracts;
using Gazette.Caching;
using Gazette.Rendering;
using Gazette.Web;

namespace Gazette.Articles;

/// <summary>
/// The home page and the section, tag and author archives: newest first, a page at a
/// time, older pages reached by <c>?before=ID</c> (keyset: any page costs what the first does).
/// </summary>
public static class ListingPages
{
    public const string BeforeKey = ArticleUrls.BeforeKey;

    public static void Map(RouteGroups groups)
    {
        var policy = groups.PublicPage(queryKeys: [BeforeKey], lifetime: PublicPagePolicy.ListingLifetime);
        // A home request naming an old link (/?p=5) must reach the handler, never the cached home page.
        var oldLinkKeys = groups.Services.GetServices<IOldLinks>().SelectMany(links => links.HomeQueryKeys).ToArray();
        var homePolicy = groups.PublicPage(queryKeys: [BeforeKey], personalKeys: oldLinkKeys, lifetime: PublicPagePolicy.ListingLifetime);
        groups.Public.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], HomeAsync).WithName("Home").CachedAs(homePolicy);
        groups.Public.MapMethods("/section/{slug}/", [HttpMethods.Get, HttpMethods.Head], SectionAsync).WithName("Section").CachedAs(policy);
        groups.Public.MapMethods("/tag/{slug}/", [HttpMethods.Get, HttpMethods.Head], TagAsync).WithName("Tag").CachedAs(policy);
        groups.Public.MapMethods("/author/{slug}/", [HttpMethods.Get, HttpMethods.Head], AuthorAsync).WithName("Author").CachedAs(policy);
        groups.Public.MapMethods(Permalinks.Sections, [HttpMethods.Get, HttpMethods.Head], SectionsAsync).WithName("Sections")
            .CachedAs(groups.PublicPage(lifetime: PublicPagePolicy.ListingLifetime));
    }

    /// <summary>Every section with published articles and how many; a publication evicts it with the home page.</summary>
    private static async Task<IResult> SectionsAsync(HttpContext context, SectionNavigation navigation, PageRenderer pages, CancellationToken cancellationToken)
    {
        PageCache.Tag(context, ArticleCacheTags.Home);
        var sections = await navigation.ListVisibleAsync(cancellationToken);
        var view = new SectionsView([.. sections.Select(row => new SectionEntry(row.Section.Name, Permalinks.Section(row.Section.Slug), row.Section.Description, row.Section.ArticleCount, row.Parent?.Name ?? ""))]);
        var meta = new PageMeta($"Sections | {pages.Site.Title}", $"Every section of {pages.Site.Title}.", pages.Absolute(context.Request, Permalinks.Sections));
        return await pages.RenderAsync("sections", meta, new Dictionary<string, object?> { ["sections"] = view }, cancellationToken: cancellationToken);
    }

    private static async Task<IResult> HomeAsync(HttpContext context, PublicArticleReader reader, PageRenderer pages, CancellationToken cancellationToken)
    {
        foreach (var links in context.RequestServices.GetServices<IOldLinks>())
        {
            if (links.HomeQueryKeys.Any(context.Request.Query.ContainsKey) && await links.FindAsync("/", context.Request.Query, cancellationToken) is { } answer)
            {
                return answer.Location is { } location ? Results.Redirect(location, permanent: true) : await pages.NotFoundAsync(cancellationToken);
            }
        }
        PageCache.Tag(context, ArticleCacheTags.Home);
        var meta = new PageMeta(pages.Site.Title, pages.Site.Tagline, pages.Absolute(context.Request, "/"));
        return await ListAsync(context, reader, pages, "home", meta, new Listing("Latest news", "", "/", Front: true), cancellationToken);
    }

    private static async Task<IResult> SectionAsync(string slug, HttpContext context, PublicArticleReader reader, TaxonomyStore taxonomy, PageRenderer pages, CancellationToken cancellationToken)
    {
        var section = await taxonomy.FindSectionAsync(slug, cancellationToken);
        IReadOnlyList<LinkView> subsections = [];
        if (section is not null)
        {
            // The page lists the articles of every section beneath it: a publication there evicts it too.
            var (branch, children) = await taxonomy.BranchAsync(section.Id, cancellationToken);
            foreach (var id in branch)
            {
                PageCache.Tag(context, ArticleCacheTags.Section(id));
            }
            subsections = [.. children.Select(child => new LinkView(child.Name, Permalinks.Section(child.Slug)))];
        }
        return await TermAsync(section, Permalinks.Section, ArticleCacheTags.Section, term => term.Description.Length > 0 ? term.Description : $"The latest from {term.Name}.",
            term => new Listing(term.Name, term.Description, Permalinks.Section(term.Slug), SectionId: term.Id, Subsections: subsections, Front: true), context, reader, pages, cancellationToken);
    }

    private static async Task<IResult> TagAsync(string slug, HttpContext context, PublicArticleReader reader, TaxonomyStore taxonomy, PageRenderer pages, CancellationToken cancellationToken)
    {
        var tag = await taxonomy.FindTagAsync(slug, cancellationToken);
        return await TermAsync(tag, Permalinks.Tag, ArticleCacheTags.Tag, term => term.Description.Length > 0 ? term.Description : $"Articles tagged {term.Name}.",
            term => new Listing(term.Name, term.Description, Permalinks.Tag(term.Slug), TagId: term.Id), context, reader, pages, cancellationToken);
    }

    /// <summary>
    /// A member's archive: everything whose bylines name them, under their public
    /// name. A member with nothing public is a 404, so the page never confirms who
    /// has an account. The article events name the members of the bylines before
    /// and after a change, so the page goes when one of theirs changes.
    /// </summary>
    private static async Task<IResult> AuthorAsync(string slug, HttpContext context, PublicArticleReader reader, IAuthorDirectory authors, PageRenderer pages, CancellationToken cancellationToken)
    {
        var author = await authors.FindBySlugAsync(slug, cancellationToken);
        if (author is null)
        {
            // A moved-in site's author page may be named otherwise there (WordPress names it by the login).
            return await PublicPaths.OldLinkOrNotFoundAsync(context, pages, cancellationToken);
        }
        if (!string.Equals(context.Request.Path.Value, author.Path, StringComparison.Ordinal))
        {
            return Results.Redirect(author.Path + context.Request.QueryString, permanent: true);
        }
        PageCache.Tag(context, [ArticleCacheTags.Author(author.Id), ArticleCacheTags.Archives]);
        var meta = new PageMeta($"{author.DisplayName} | {pages.Site.Title}", $"Articles by {author.DisplayName}.", pages.Absolute(context.Request, author.Path),
            Feeds: FeedLink.Under(author.Path, $"{pages.Site.Title}: {author.DisplayName}"));
        return await ListAsync(context, reader, pages, "archive", meta, new Listing(author.DisplayName, $"Articles by {author.DisplayName}.", author.Path, AuthorId: author.Id, EmptyIsMissing: true), cancellationToken);
    }

    /// <summary>
    /// A date archive, /{yyyy}/ or /{yyyy}/{mm}/, in the site's time zone: what the
    /// path resolver answers for a path of digits that names no article. A year
    /// outside 1000-9999 or a month outside 1-12 is a 404; /2024/5/ and a missing
    /// slash are 301s to /2024/05/. A period with nothing public in it is a 404.
    /// </summary>
    public static async Task<IResult?> DateAsync(string[] segments, HttpContext context, CancellationToken cancellationToken)
    {
        if (segments.Length is 0 or > 2 || !segments.All(segment => segment.Length is > 0 and <= 4 && segment.All(char.IsAsciiDigit)))
        {
            return null;
        }
        var pages = context.RequestServices.GetRequiredService<PageRenderer>();
        var year = int.Parse(segments[0], System.Globalization.CultureInfo.InvariantCulture);
        var month = segments.Length == 2 ? int.Parse(segments[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
        if (segments[0].Length != 4 || year is < 1000 or > 9998 || (segments.Length == 2 && month is < 1 or > 12))
        {
            return await pages.NotFoundAsync(cancellationToken);
        }
        var path = month == 0 ? $"/{year:D4}/" : $"/{year:D4}/{month:D2}/";
        if (!string.Equals(context.Request.Path.Value, path, StringComparison.Ordinal))
        {
            return Results.Redirect(path + context.Request.QueryString, permanent: true);
        }
        var time = context.RequestServices.GetRequiredService<SiteTime>();
        var start = new DateTime(year, month == 0 ? 1 : month, 1);
        var period = month == 0 ? (time.FromLocal(start), time.FromLocal(start.AddYears(1))) : (time.FromLocal(start), time.FromLocal(start.AddMonths(1)));
        var heading = month == 0
            ? year.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : start.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        // The article events carry the publication times before and after a change: the periods an article left or joined.
        PageCache.Tag(context, [ArticleCacheTags.Period(year, month), ArticleCacheTags.Archives]);
        var meta = new PageMeta($"{heading} | {pages.Site.Title}", $"Articles published in {heading}.", pages.Absolute(context.Request, path));
        var reader = context.RequestServices.GetRequiredService<PublicArticleReader>();
        return await ListAsync(context, reader, pages, "archive", meta,
            new Listing(heading, $"Articles published in {heading}.", path, EmptyIsMissing: true, Period: period), cancellationToken);
    }

    /// <summary>A section's or tag's archive: an old link's 301 or a 404 if unknown, 301 to its canonical path, else its listing.</summary>
    private static async Task<IResult> TermAsync(Term? term, Func<string, string> permalink, Func<long, string> cacheTag, Func<Term, string> description,
        Func<Term, Listing> listing, HttpContext context, PublicArticleReader reader, PageRenderer pages, CancellationToken cancellationToken)
    {
        if (term is null)
        {
            // A moved-in site's tag may have kept another slug here (one Gazette already had).
            return await PublicPaths.OldLinkOrNotFoundAsync(context, pages, cancellationToken);
        }
        var path = permalink(term.Slug);
        if (!string.Equals(context.Request.Path.Value, path, StringComparison.Ordinal))
        {
            return Results.Redirect(path + context.Request.QueryString, permanent: true);
        }
        PageCache.Tag(context, cacheTag(term.Id));
        var meta = new PageMeta($"{term.Name} | {pages.Site.Title}", description(term), pages.Absolute(context.Request, path),
            Feeds: FeedLink.Under(path, $"{pages.Site.Title}: {term.Name}"));
        return await ListAsync(context, reader, pages, "archive", meta, listing(term), cancellationToken);
    }

    private static async Task<IResult> ListAsync(HttpContext context, PublicArticleReader reader, PageRenderer pages, string template, PageMeta meta, Listing listing, CancellationToken cancellationToken)
    {
        long? before = null;
        if (context.Request.Query.TryGetValue(BeforeKey, out var value))
        {
            // Only the canonical spelling (no leading zeros): each spelling would be its own cache entry.
            if (!long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
                || id.ToString(System.Globalization.CultureInfo.InvariantCulture) != value
                || !await reader.IsPublishedAsync(id, cancellationToken))
            {
                return await pages.NotFoundAsync(cancellationToken);
            }
            before = id;
            meta = meta with { CanonicalUrl = pages.Absolute(context.Request, ArticleUrls.Older(listing.Path, id)) };
        }
        var pageSize = pages.Site.PageSize;
        var fronts = context.RequestServices.GetRequiredService<FrontPages>();
        // A front's first page opens with its lead and featured stories, which its latest then leave out.
        var top = listing.Front && before is null ? await fronts.TopAsync(listing.SectionId, cancellationToken) : new FrontTop(null, []);
        var shown = top.Ids.ToHashSet();
        var rows = (await reader.ListAsync(new ListCardsRequest(pageSize + 1 + shown.Count + (listing.Front ? 1 : 0), before, listing.SectionId, listing.TagId, listing.AuthorId, listing.Period?.From, listing.Period?.Until), cancellationToken))
            .Where(row => !shown.Contains(row.Id)).ToList();
        if (rows.Count == 0 && listing.EmptyIsMissing)
        {
            return await pages.NotFoundAsync(cancellationToken);
        }
        var lead = top.Lead;
        if (listing.Front && before is null && lead is null && rows.Count > 0)
        {
            lead = rows[0];
            rows.RemoveAt(0);
            shown.Add(lead.Id);
        }
        // A front's first page holds as many stories as any other: the lead and the featured count among them.
        var room = listing.Front && before is null ? Math.Max(1, pageSize - top.Featured.Count - (lead is null ? 0 : 1)) : pageSize;
        var listed = rows.Take(room).ToList();
        var blocks = listing.Front && before is null && listing.SectionId is null ? await fronts.SectionBlocksAsync(shown, cancellationToken) : [];
        var pictures = await fronts.ImagesAsync(listed.Concat(top.Featured).Concat(lead is null ? [] : [lead]).Concat(blocks.SelectMany(block => block.Rows)), cancellationToken);
        var older = rows.Count > room ? ArticleUrls.Older(listing.Path, rows[room - 1].Id) : null;
        var newer = before is null || listed.Count == 0 ? null : await NewerAsync(reader, listing, rows[0].Id, pageSize, cancellationToken);
        var view = new ListingView(listing.Heading, listing.Description, [.. listed.Select(row => fronts.Card(row, pictures))], older, before is null ? null : listing.Path, newer)
        {
            Subsections = listing.Subsections ?? [],
            Lead = lead is null ? null : fronts.Card(lead, pictures),
            Featured = [.. top.Featured.Select(row => fronts.Card(row, pictures))],
            Sections = [.. blocks.Select(block => new SectionBlock(block.Section.Name, Permalinks.Section(block.Section.Slug), [.. block.Rows.Select(row => fronts.Card(row, pictures))]))],
        };
        return await pages.RenderAsync(template, meta, new Dictionary<string, object?> { ["listing"] = view }, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// The page before this one, as a <c>?before=</c> link like every other: the
    /// <paramref name="pageSize"/> articles just newer than <paramref name="firstId"/>
    /// are it, so it starts before the one after them, or is the listing's first page
    /// when there is none. One keyset query, whatever the page's depth.
    /// </summary>
    private static async Task<string> NewerAsync(PublicArticleReader reader, Listing listing, long firstId, int pageSize, CancellationToken cancellationToken)
    {
        var rows = await reader.ListAsync(new ListCardsRequest(pageSize + 1, null, listing.SectionId, listing.TagId, listing.AuthorId,
            listing.Period?.From, listing.Period?.Until, AfterId: firstId), cancellationToken);
        return rows.Count > pageSize ? ArticleUrls.Older(listing.Path, rows[pageSize].Id) : listing.Path;
    }

    /// <param name="Front">The home page or a section's: its first page opens with a lead and the featured stories.</param>
    private sealed record Listing(string Heading, string Description, string Path, long? SectionId = null, long? TagId = null, long? AuthorId = null, bool EmptyIsMissing = false,
        (DateTimeOffset From, DateTimeOffset Until)? Period = null, IReadOnlyList<LinkView>? Subsections = null, bool Front = false);
}
