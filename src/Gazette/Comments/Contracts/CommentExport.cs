namespace Gazette.Comments.Contracts;

/// <summary>
/// A comment as stored, for a whole-site export in WordPress's format, which
/// carries the commenter's email, address and URL as WordPress's own export
/// does (decision 110). <see cref="Status"/> is one of <see cref="CommentStatus"/>;
/// <see cref="BodyHtml"/> is what readers are shown.
/// </summary>
public sealed record ExportedComment(
    long Id,
    long ArticleId,
    long? ParentId,
    string AuthorName,
    string AuthorEmail,
    string AuthorUrl,
    string? Ip,
    string BodyHtml,
    string Status,
    DateTimeOffset CreatedAt,
    long? UserId);

/// <summary>Every comment, whatever its status, for the export of the whole site. Implemented by Comments.</summary>
public interface ICommentExport
{
    /// <summary>
    /// The comments on articles with ids in (<paramref name="afterArticleId"/>, <paramref name="lastArticleId"/>],
    /// by article and then id (a parent before its replies), streamed from one query.
    /// </summary>
    IAsyncEnumerable<ExportedComment> ForArticlesAsync(long afterArticleId, long lastArticleId, CancellationToken cancellationToken);
}
