using Dapper;
using Gazette.Articles.Contracts;
using Gazette.Kernel;
using Gazette.Storage;

namespace Gazette.Articles;

/// <summary>One line of a listing: what a card on the home or an archive page shows.</summary>
public sealed record CardRow
{
    public long Id { get; init; }
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public string Summary { get; init; } = "";
    public DateTimeOffset PublishedAt { get; init; }
    public int CommentCount { get; init; }
    public string? SectionName { get; init; }
    public string? SectionSlug { get; init; }
    public string? Byline { get; init; }
    public long? FeaturedMediaId { get; init; }
}

/// <summary>
/// Newest first, <see cref="Limit"/> at a time, optionally before a given article (keyset), within a section,
/// tag or member's bylines, and published in [<see cref="From"/>, <see cref="Until"/>).
/// With <see cref="AfterId"/> instead: the ones just newer than that article, oldest first (a pager's way back).
/// </summary>
public sealed record ListCardsRequest(int Limit, long? BeforeId = null, long? SectionId = null, long? TagId = null, long? AuthorId = null,
    DateTimeOffset? From = null, DateTimeOffset? Until = null, long? AfterId = null);

/// <param name="Notices">Its corrections and updates, newest first.</param>
public sealed record ArticleDetails(IReadOnlyList<Term> Sections, IReadOnlyList<Term> Tags, IReadOnlyList<PublicByline> Bylines, IReadOnlyList<ArticleNotice>? Notices = null);

/// <summary>
/// What the public pages read: published articles only, never drafts, never
/// anything dated in the future. Readers' pages see this, not the store.
/// </summary>
public sealed class PublicArticleReader(Database database, Permalinks links, TimeProvider time) : IArticleDirectory
{
    /// <summary>What a card shows, from an article <c>a</c>: its first section and first byline.</summary>
    private const string CardColumns =
        """
        select a.id, a.slug, a.title, a.summary, a.published_at, a.comment_count, a.featured_media_id,
               s.name as section_name, s.slug as section_slug,
               (select b.name from bylines b where b.article_id = a.id order by b.position limit 1) as byline
        """;

    private const string CardJoins =
        """
        left join article_sections x on x.article_id = a.id and x.position = 0
        left join sections s on s.id = x.section_id
        """;

    private const string CardSelect = $"{CardColumns} from articles a {CardJoins}";

    /// <summary>The cards of those of <paramref name="ids"/> that are public, in the order given.</summary>
    public async Task<IReadOnlyList<CardRow>> CardsAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<CardRow>(new CommandDefinition(
            $"{CardSelect} where {database.Dialect.InList("a.id", "ids")} and a.kind = 'article' and a.status = 'published' and a.published_at <= @now",
            new { ids = ids.ToArray(), now = time.GetUtcNow() }, cancellationToken: cancellationToken))).ToDictionary(row => row.Id);
        return [.. ids.Select(rows.GetValueOrDefault).OfType<CardRow>()];
    }

    public async Task<IReadOnlyList<CardRow>> ListAsync(ListCardsRequest request, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // A section lists the articles of the sections beneath it too, as WordPress's category archive does: its
        // branch is read first (a few ids), so the listing stays one walk down the date index, testing each row by key.
        var branch = request.SectionId is { } sectionId ? await SectionTree.BranchAsync(connection, null, sectionId, cancellationToken) : null;
        // A section with none beneath it (most sections, so most of the home page's blocks) walks its own rows
        // of article_sections by date (decision 180); a branch walks every public story by date and tests each.
        var filed = branch is [var only] ? only : (long?)null;
        var (from, date, id, inSection) = (branch, filed) switch
        {
            (null, _) => ("from articles a", "a.published_at", "a.id", ""),
            (_, null) => ("from articles a", "a.published_at", "a.id",
                $"and exists (select 1 from article_sections y where y.article_id = a.id and {database.Dialect.InList("y.section_id", "branch")})"),
            _ => ("from article_sections f cross join articles a", "f.published_at", "f.article_id", "and f.section_id = @filed and a.id = f.article_id"),
        };
        // A null timestamp has no type PostgreSQL can infer, so an absent bound is left out of the text.
        // A tag's articles are read once as a list: tested per row with exists, a rare tag's page walked every public article.
        var rows = await connection.QueryAsync<CardRow>(new CommandDefinition(
            $"""
            {CardColumns} {from} {CardJoins}
            where {date} <= @now and a.kind = 'article' and a.status = 'published'
              {inSection}
              and (@TagId is null or a.id in (select t.article_id from article_tags t where t.tag_id = @TagId))
              {(request.From is null ? "" : $"and {date} >= @From")} {(request.Until is null ? "" : $"and {date} < @Until")}
              and (@AuthorId is null or exists (select 1 from bylines m where m.article_id = a.id and m.user_id = @AuthorId))
              and (@BeforeId is null or ({date}, {id}) < (select c.published_at, c.id from articles c where c.id = @BeforeId))
              and (@AfterId is null or ({date}, {id}) > (select c.published_at, c.id from articles c where c.id = @AfterId))
            order by {(request.AfterId is null ? $"{date} desc, {id} desc" : $"{date}, {id}")}
            limit @Limit
            """,
            new { now = time.GetUtcNow(), branch = branch?.ToArray(), filed, request.TagId, request.AuthorId, request.From, request.Until, request.BeforeId, request.AfterId, request.Limit },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>True when the id names a published article, i.e. is a valid place to page from.</summary>
    public async Task<bool> IsPublishedAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from articles where id = @id and kind = 'article' and status = 'published' and published_at <= @now)",
            new { id, now = time.GetUtcNow() },
            cancellationToken: cancellationToken));
    }

    public async Task<Article?> FindPublishedAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Article>(new CommandDefinition(
            $"select {ArticleStore.Columns} from articles where kind = 'article' and slug = @slug and status = 'published' and published_at <= @now",
            new { slug = Normalized.Slug(slug), now = time.GetUtcNow() },
            cancellationToken: cancellationToken));
    }

    /// <summary>Read without the article's text: every comment posted asks, and the body was most of what this read moved.</summary>
    public async Task<DiscussedArticle?> FindVisibleAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<DiscussionRow>(new CommandDefinition(
            """
            select id, slug, title, published_at, comment_count, comment_status, premoderated
            from articles where id = @id and kind = 'article' and status = 'published' and published_at <= @now
            """,
            new { id, now = time.GetUtcNow() },
            cancellationToken: cancellationToken));
        return row is null ? null : Discussed(row.Id, row.Title, row.Slug, row.PublishedAt, row.CommentCount, row.CommentStatus, row.Premoderated);
    }

    public async Task<Article?> FindPublishedAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Article>(new CommandDefinition(
            $"select {ArticleStore.Columns} from articles where id = @id and kind = 'article' and status = 'published' and published_at <= @now",
            new { id, now = time.GetUtcNow() },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// A published page by its own slug, with its path: its published ancestors'
    /// slugs, then its own (/about/masthead/). A page under an unpublished parent
    /// is not shown, so the path never gives a draft's slug away.
    /// </summary>
    public async Task<(Article Page, PagePlace Place)?> FindPublishedPageAsync(string slug, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var page = await connection.QuerySingleOrDefaultAsync<Article>(new CommandDefinition(
            $"select {ArticleStore.Columns} from articles where kind = 'page' and slug = @slug and status = 'published' and published_at <= @now",
            new { slug = Normalized.Slug(slug), now }, cancellationToken: cancellationToken));
        return page is not null && await PagePaths.OfAsync(connection, null, page, now, cancellationToken) is { } place ? (page, place) : null;
    }

    /// <summary>What Comments may know of a published article.</summary>
    public DiscussedArticle Discussed(Article article) =>
        Discussed(article.Id, article.Title, article.Slug, article.PublishedAt!.Value, article.CommentCount, article.CommentStatus, article.Premoderated);

    private DiscussedArticle Discussed(long id, string title, string slug, DateTimeOffset publishedAt, int commentCount, string commentStatus, bool premoderated) =>
        new(id, title, links.Article(id, slug, publishedAt), publishedAt, commentCount, commentStatus == DiscussionStatus.Open, premoderated);

    private sealed class DiscussionRow
    {
        public long Id { get; init; }
        public required string Slug { get; init; }
        public required string Title { get; init; }
        public DateTimeOffset PublishedAt { get; init; }
        public int CommentCount { get; init; }
        public required string CommentStatus { get; init; }
        public bool Premoderated { get; init; }
    }

    public async Task<ArticleDetails> DetailsAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            """
            select s.id, s.slug, s.name, s.description, s.article_count
            from article_sections x join sections s on s.id = x.section_id where x.article_id = @id order by x.position;
            select t.id, t.slug, t.name, t.description, t.article_count
            from article_tags x join tags t on t.id = x.tag_id where x.article_id = @id order by t.name;
            select name, user_id as userid, organization from bylines where article_id = @id order by position;
            select article_id, kind, note, created_at, created_by from article_notices where article_id = @id order by created_at desc, id desc;
            """,
            new { id },
            cancellationToken: cancellationToken));
        var sections = (await results.ReadAsync<Term>()).AsList();
        var tags = (await results.ReadAsync<Term>()).AsList();
        var bylines = (await results.ReadAsync<BylineRow>()).Select(row => new PublicByline(row.Name, row.UserId, row.Organization)).ToList();
        var notices = (await results.ReadAsync<ArticleNotice>()).AsList();
        return new ArticleDetails(sections, tags, bylines, notices);
    }

    private sealed class BylineRow
    {
        public string Name { get; init; } = "";
        public long? UserId { get; init; }
        public bool Organization { get; init; }
    }
}
