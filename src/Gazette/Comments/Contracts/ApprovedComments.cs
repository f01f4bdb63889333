namespace Gazette.Comments.Contracts;

/// <summary>An approved comment as feeds show it: the name the commenter gave, never an email; <paramref name="BodyHtml"/> is sanitized.</summary>
public sealed record ApprovedComment(long Id, long ArticleId, string AuthorName, string BodyHtml, DateTimeOffset CreatedAt);

/// <summary>
/// The newest approved comments, newest first, site-wide or on one article,
/// older than a cursor (the last comment of the previous call). Whether their
/// article is public is the caller's to ask of Articles. Implemented by Comments.
/// </summary>
public interface IApprovedComments
{
    Task<IReadOnlyList<ApprovedComment>> LatestAsync(long? articleId, ApprovedComment? olderThan, int limit, CancellationToken cancellationToken);
}
