using System.Globalization;
using Gazette.Comments.Contracts;
using Gazette.Web;
using Gazette.Web.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Comments.Admin;

/// <summary>
/// The moderation queue: a tab per status with its count, a page of comments
/// with everything moderators may see (email, address, why the rules held
/// it), each comment's buttons and one bulk form for the ticked ones.
/// </summary>
[Authorize(Policy = NewsroomRole.Policies.Editors)]
public sealed class CommentsModel(CommentModerationService service, ModerationActions actions) : AdminPageModel
{
    public static readonly IReadOnlyList<(string Status, string Title)> Tabs =
        [(CommentStatus.Pending, "Pending"), (CommentStatus.Approved, "Approved"), (CommentStatus.Spam, "Spam"), (CommentStatus.Trash, "Trash")];

    [BindProperty(SupportsGet = true, Name = "tab")]
    public string? Tab { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public ModerationListing Listing { get; private set; } = null!;

    /// <summary>Why the last action changed nothing.</summary>
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(string? handler, long[] ids, CancellationToken cancellationToken)
    {
        var outcome = await actions.RunAsync(Member, handler, ids, cancellationToken);
        if (outcome.Result.Succeeded)
        {
            Flash = outcome.Message;
            return Redirect(Address(Tab, PageNumber));
        }
        Problem = string.Join(" ", outcome.Result.Errors.Values);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await LoadAsync(cancellationToken) ? Page() : Forbid();
    }

    /// <summary>The queue's address for a tab and page; the first page of Pending is plain <c>/admin/comments</c>.</summary>
    public static string Address(string? tab, int page)
    {
        var query = new List<string>();
        if (tab is not null && tab != CommentStatus.Pending && CommentStatus.All.Contains(tab))
        {
            query.Add("tab=" + tab);
        }
        if (page > 1)
        {
            query.Add("p=" + page.ToString(CultureInfo.InvariantCulture));
        }
        return "/admin/comments" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await service.ListAsync(Member, Tab ?? CommentStatus.Pending, PageNumber, cancellationToken: cancellationToken) is not { } listing)
        {
            return false;
        }
        Listing = listing;
        return true;
    }
}
