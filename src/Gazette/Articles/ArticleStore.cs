using System.Data.Common;
using Dapper;
using Gazette.Kernel;
using Gazette.Storage;

namespace Gazette.Articles;

public sealed class ArticleStore(Database database, TimeProvider time)
{
    /// <summary>Every column of an article row, as <see cref="Article"/> reads it (the public reader selects the same).</summary>
    public const string Columns = """
        id, kind, parent_id, slug, title, summary, body_markdown, body_html, status,
        published_at, created_at, updated_at, comment_status, comment_count, premoderated,
        author_id, version, submitted_by, submitted_at, featured_media_id, revised_at, dateline
        """;

    /// <summary>Stores an article as given, stamped created and updated now.</summary>
    public async Task<long> CreateAsync(Article article, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        return await InsertAsync(connection, null, article with { CreatedAt = now, UpdatedAt = now }, cancellationToken);
    }

    /// <summary>The one insert of an article, inside the caller's transaction when it has one (the publisher's); an id above 0 is kept (imports).</summary>
    public static async Task<long> InsertAsync(DbConnection connection, DbTransaction? transaction, Article article, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"""
            insert into articles ({(article.Id > 0 ? "id, " : "")}kind, parent_id, slug, title, summary, body_markdown, body_html, status,
                                  published_at, created_at, updated_at, comment_status, comment_count, premoderated,
                                  author_id, version, submitted_by, submitted_at, featured_media_id, dateline)
            values ({(article.Id > 0 ? "@Id, " : "")}@Kind, @ParentId, @Slug, @Title, @Summary, @BodyMarkdown, @BodyHtml, @Status,
                    @PublishedAt, @CreatedAt, @UpdatedAt, @CommentStatus, 0, @Premoderated,
                    @AuthorId, @Version, @SubmittedBy, @SubmittedAt, @FeaturedMediaId, @Dateline)
            returning id
            """,
            new
            {
                article.Id,
                article.Kind,
                article.ParentId,
                Slug = Normalized.Slug(article.Slug),
                article.Title,
                article.Summary,
                article.BodyMarkdown,
                article.BodyHtml,
                article.Status,
                article.PublishedAt,
                article.CreatedAt,
                article.UpdatedAt,
                article.CommentStatus,
                article.Premoderated,
                article.AuthorId,
                article.Version,
                article.SubmittedBy,
                article.SubmittedAt,
                article.FeaturedMediaId,
                article.Dateline,
            },
            transaction,
            cancellationToken: cancellationToken));

    public async Task<Article?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, id, cancellationToken);
    }

    /// <summary>Pages waiting as drafts, oldest first (the policies a fresh install drafted among them).</summary>
    public async Task<IReadOnlyList<Article>> FindDraftPagesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var pages = await connection.QueryAsync<Article>(new CommandDefinition(
            $"select {Columns} from articles where kind = 'page' and status = 'draft' order by id", cancellationToken: cancellationToken));
        return pages.AsList();
    }

    /// <summary>The stored row, read inside the caller's transaction when it has one.</summary>
    public static async Task<Article?> FindAsync(DbConnection connection, DbTransaction? transaction, long id, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<Article>(new CommandDefinition(
            $"select {Columns} from articles where id = @id", new { id }, transaction, cancellationToken: cancellationToken));
}
