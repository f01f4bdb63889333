using Gazette.Comments.Contracts;
using Gazette.Web;
using Gazette.Web.Admin;

namespace Gazette.Comments.Admin;

/// <summary>The dashboard's count of comments awaiting moderation, with the newest few; for those who moderate.</summary>
public sealed class PendingCommentsPanel(CommentModerationService service) : IDashboardPanel
{
    public const int Shown = 5;

    public int Order => 20;

    public string View => "/Comments/Admin/_DashboardPanel.cshtml";

    public async Task<object?> LoadAsync(NewsroomUser user, CancellationToken cancellationToken) =>
        await service.ListAsync(user, CommentStatus.Pending, 1, Shown, cancellationToken);
}
