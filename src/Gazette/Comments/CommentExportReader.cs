using System.Runtime.CompilerServices;
using Dapper;
using Gazette.Comments.Contracts;
using Gazette.Storage;

namespace Gazette.Comments;

/// <summary>Every comment of a run of articles for <see cref="ICommentExport"/>, streamed: a thread of a hundred thousand costs the memory of one.</summary>
public sealed class CommentExportReader(Database database) : ICommentExport
{
    public async IAsyncEnumerable<ExportedComment> ForArticlesAsync(long afterArticleId, long lastArticleId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = connection.QueryUnbufferedAsync<Row>(
            """
            select id, article_id, parent_id, author_name, author_email, author_url, ip, body_html, status, created_at, user_id
            from comments where article_id > @afterArticleId and article_id <= @lastArticleId order by article_id, id
            """,
            new { afterArticleId, lastArticleId });
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return new ExportedComment(row.Id, row.ArticleId, row.ParentId, row.AuthorName, row.AuthorEmail, row.AuthorUrl, row.Ip,
                row.BodyHtml, row.Status, row.CreatedAt, row.UserId);
        }
    }

    private sealed record Row
    {
        public long Id { get; init; }
        public long ArticleId { get; init; }
        public long? ParentId { get; init; }
        public string AuthorName { get; init; } = "";
        public string AuthorEmail { get; init; } = "";
        public string AuthorUrl { get; init; } = "";
        public string? Ip { get; init; }
        public string BodyHtml { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public long? UserId { get; init; }
    }
}
