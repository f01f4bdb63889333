using Dapper;
using Gazette.Storage;

namespace Gazette.Articles;

/// <summary>Keyset position in a listing ordered newest first: the last row of the previous page.</summary>
public sealed record ListingCursor(DateTimeOffset PublishedAt, long Id);

public sealed record ListPublishedRequest(string Kind = ArticleKind.Article, int Limit = 20, ListingCursor? After = null);

public sealed class ArticleStore(Database database, TimeProvider time)
{
    private const string Columns = """
        id, kind, parent_id, slug, title, summary, body_markdown, body_html, status,
        published_at, created_at, updated_at, comment_status, comment_count, premoderated
        """;

    public async Task<long> CreateAsync(Article article, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            insert into articles (kind, parent_id, slug, title, summary, body_markdown, body_html, status,
                                  published_at, created_at, updated_at, comment_status, comment_count)
            values (@Kind, @ParentId, @Slug, @Title, @Summary, @BodyMarkdown, @BodyHtml, @Status,
                    @PublishedAt, @CreatedAt, @UpdatedAt, @CommentStatus, 0)
            returning id
            """,
            new
            {
                article.Kind,
                article.ParentId,
                Slug = Normalized.Slug(article.Slug),
                article.Title,
                article.Summary,
                article.BodyMarkdown,
                article.BodyHtml,
                article.Status,
                article.PublishedAt,
                CreatedAt = now,
                UpdatedAt = now,
                article.CommentStatus,
            },
            cancellationToken: cancellationToken));
    }

    public async Task<Article?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Article>(new CommandDefinition(
            $"select {Columns} from articles where id = @id", new { id }, cancellationToken: cancellationToken));
    }

    public async Task<Article?> FindBySlugAsync(string kind, string slug, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Article>(new CommandDefinition(
            $"select {Columns} from articles where kind = @kind and slug = @slug",
            new { kind, slug = Normalized.Slug(slug) },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Published articles, newest first, paged by keyset (never OFFSET or COUNT(*)),
    /// so page 500 costs what page 1 costs.
    /// </summary>
    public async Task<IReadOnlyList<Article>> ListPublishedAsync(ListPublishedRequest request, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Article>(new CommandDefinition(
            $"""
            select {Columns} from articles
            where kind = @Kind and status = 'published' and published_at <= @Now
              and (@AfterId is null or published_at < @AfterPublishedAt or (published_at = @AfterPublishedAt and id < @AfterId))
            order by published_at desc, id desc
            limit @Limit
            """,
            new
            {
                request.Kind,
                Now = time.GetUtcNow(),
                AfterPublishedAt = request.After?.PublishedAt,
                AfterId = request.After?.Id,
                request.Limit,
            },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
