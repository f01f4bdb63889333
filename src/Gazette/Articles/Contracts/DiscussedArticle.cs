namespace Gazette.Articles.Contracts;

/// <summary>
/// What another module may know of a published article: enough to discuss it
/// (Comments) or to point at it, never the stored row.
/// </summary>
public sealed record DiscussedArticle(
    long Id,
    string Title,
    string Url,
    DateTimeOffset PublishedAt,
    int CommentCount,
    bool CommentsOpen,
    bool Premoderated);

/// <summary>Finds articles the public may see: published, and not dated in the future.</summary>
public interface IArticleDirectory
{
    Task<DiscussedArticle?> FindVisibleAsync(long id, CancellationToken cancellationToken);
}
