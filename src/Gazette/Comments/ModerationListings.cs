using Gazette.Comments.Contracts;
using Gazette.Web;

namespace Gazette.Comments;

/// <summary>The moderation screens' listing, offered to other features without what identifies a commenter beyond the name they gave.</summary>
public sealed class ModerationListings(CommentModerationService moderation) : IModerationListings
{
    public async Task<ModerationPage?> ListAsync(NewsroomUser actor, string status, int page, int pageSize, CancellationToken cancellationToken)
    {
        if (await moderation.ListAsync(actor, status, page, pageSize, cancellationToken) is not { } listing)
        {
            return null;
        }
        return new ModerationPage(listing.Tab, listing.Counts, [.. listing.Rows.Select(row => new ModerationItem(
            row.Comment.Id, row.Article.Id, row.Article.Title, row.Article.Url, row.Comment.ParentId, row.Comment.AuthorName, row.Comment.AuthorUrl,
            row.Comment.BodyHtml, row.Comment.CreatedAt, row.Reason, row.Comment.ReportCount))], listing.Page, listing.PageCount);
    }
}
