using Gazette.Web;

namespace Gazette.Comments.Contracts;

/// <summary>A comment as the moderation queue shows it to editors, without the commenter's email or address.</summary>
public sealed record ModerationItem(
    long Id, long ArticleId, string ArticleTitle, string? ArticlePath, long? ParentId,
    string AuthorName, string AuthorUrl, string BodyHtml, DateTimeOffset CreatedAt, string? Reason, int ReportCount);

/// <summary>One page of a status's comments, newest first, with every status's count; <see cref="Page"/> is the page served, at most <see cref="PageCount"/>.</summary>
public sealed record ModerationPage(string Status, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<ModerationItem> Comments, int Page, int PageCount);

/// <summary>The moderation queue, for editors and administrators (null for anyone else). Implemented by Comments.</summary>
public interface IModerationListings
{
    Task<ModerationPage?> ListAsync(NewsroomUser actor, string status, int page, int pageSize, CancellationToken cancellationToken);
}
