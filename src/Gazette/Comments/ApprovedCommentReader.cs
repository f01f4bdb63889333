using Dapper;
using Gazette.Comments.Contracts;
using Gazette.Storage;

namespace Gazette.Comments;

/// <summary><see cref="IApprovedComments"/>: approved comments newest first by (created_at, id), on the thread and queue indexes.</summary>
public sealed class ApprovedCommentReader(Database database) : IApprovedComments
{
    private const int MaxLimit = 500;

    public async Task<IReadOnlyList<ApprovedComment>> LatestAsync(long? articleId, ApprovedComment? olderThan, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PublicComment>(new CommandDefinition(
            $"""
            select id, article_id, author_name, body_html, status, created_at from comments
            where status = 'approved'
              {(articleId is null ? "" : "and article_id = @articleId")}
              {(olderThan is null ? "" : "and (created_at < @createdAt or (created_at = @createdAt and id < @id))")}
            order by created_at desc, id desc
            limit @limit
            """,
            new { articleId, createdAt = olderThan?.CreatedAt, id = olderThan?.Id, limit },
            cancellationToken: cancellationToken));
        return [.. rows.Select(row => new ApprovedComment(row.Id, row.ArticleId, row.AuthorName, row.BodyHtml, row.CreatedAt))];
    }
}
