using Gazette.Web;
using Gazette.Web.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Comments.Admin;

/// <summary>
/// The commenters moderators blocked ("block this commenter" on a comment):
/// their emails and addresses, each with a way back, since a block made in
/// haste must be undone without editing settings by hand.
/// </summary>
[Authorize(Policy = NewsroomRole.Policies.Editors)]
public sealed class BlockedModel(CommentModerationService moderation) : AdminPageModel
{
    public IReadOnlyList<string> Entries { get; private set; } = [];

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Entries = await moderation.BlockedAsync(Member, cancellationToken);

    public async Task<IActionResult> OnPostAsync(string? entry, CancellationToken cancellationToken)
    {
        var result = await moderation.UnblockAsync(Member, entry ?? "", cancellationToken);
        if (!result.Succeeded)
        {
            Problem = result.Errors.Values.First();
            Entries = await moderation.BlockedAsync(Member, cancellationToken);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        Flash = $"Unblocked {entry}: their next comments are moderated like anyone's.";
        return Redirect("/admin/comments/blocked");
    }
}
