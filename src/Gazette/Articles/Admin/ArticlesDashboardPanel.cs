using Gazette.Web;
using Gazette.Web.Admin;

namespace Gazette.Articles.Admin;

/// <summary>What the dashboard shows of the writing desk: the review queue, the schedule, the latest published, and the member's own drafts.</summary>
public sealed record ArticlesDashboard(
    IReadOnlyList<ArticleRow> AwaitingReview,
    IReadOnlyList<ArticleRow> Scheduled,
    IReadOnlyList<ArticleRow> LatestPublished,
    IReadOnlyList<ArticleRow>? YourDrafts);

/// <summary>
/// The dashboard's articles panel. Editors see everyone's queues; contributors
/// and authors their own articles there, and their drafts.
/// </summary>
public sealed class ArticlesDashboardPanel(ArticleListing listing) : IDashboardPanel
{
    private const int Shown = 5;

    public int Order => 10;

    public string View => "/Articles/Admin/_DashboardPanel.cshtml";

    public async Task<object?> LoadAsync(NewsroomUser user, CancellationToken cancellationToken)
    {
        bool Shows(ArticleRow row) => user.CanEditOthers || row.AuthorId == user.Id;
        var pending = await listing.ReviewQueueAsync(ArticleListing.MaxPageSize, cancellationToken);
        var scheduled = await listing.ScheduledAsync(ArticleListing.MaxPageSize, cancellationToken);
        var latest = await listing.LatestPublishedAsync(Shown, cancellationToken);
        var drafts = user.CanEditOthers
            ? null
            : (await listing.ListAsync(new ArticleQuery(ArticleStatus.Draft, AuthorId: user.Id, PageSize: Shown), cancellationToken)).Rows;
        return new ArticlesDashboard([.. pending.Where(Shows).Take(Shown)], [.. scheduled.Where(Shows).Take(Shown)], latest, drafts);
    }
}
