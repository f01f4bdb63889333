using Gazette.Comments.Contracts;
using Gazette.Events;
using Gazette.Web;
using Gazette.Web.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Comments.Admin;

/// <summary>
/// One comment: its text to correct, a reply as staff, who changed it and
/// when, and the queue's buttons. A refused edit or reply keeps what was typed.
/// </summary>
[Authorize(Policy = NewsroomRole.Policies.Editors)]
public sealed class CommentModel(CommentModerationService service, ModerationActions actions) : AdminPageModel
{
    public const string ReplyField = "reply";

    public ModerationRow Row { get; private set; } = null!;

    public IReadOnlyList<AuditEntry> Trail { get; private set; } = [];

    [BindProperty(Name = ModerationResult.TextField)]
    public string? Text { get; set; }

    [BindProperty(Name = ReplyField)]
    public string? Reply { get; set; }

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    /// <summary>Why the last button changed nothing.</summary>
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Text = Row.Comment.BodySource;
        return Page();
    }

    public async Task<IActionResult> OnPostEditAsync(long id, CancellationToken cancellationToken)
    {
        var result = await service.EditAsync(Member, id, Text ?? "", cancellationToken);
        if (result.Succeeded)
        {
            Flash = result.Changed > 0 ? "Comment saved." : "The text is unchanged.";
            return Redirect($"/admin/comments/{id}");
        }
        Errors = result.Errors;
        return await RefusedAsync(id, keepText: true, cancellationToken);
    }

    public async Task<IActionResult> OnPostReplyAsync(long id, CancellationToken cancellationToken)
    {
        var result = await service.ReplyAsync(Member, id, Reply ?? "", cancellationToken);
        if (result.Succeeded)
        {
            Flash = "Reply published.";
            return Redirect($"/admin/comments/{id}");
        }
        Errors = result.Errors.ToDictionary(error => error.Key == ModerationResult.TextField ? ReplyField : error.Key, error => error.Value, StringComparer.Ordinal);
        return await RefusedAsync(id, keepText: false, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(long id, string? handler, CancellationToken cancellationToken)
    {
        var status = (await service.FindAsync(Member, id, cancellationToken))?.Comment.Status;
        var outcome = await actions.RunAsync(Member, handler, [id], cancellationToken);
        if (outcome.Result.Succeeded)
        {
            Flash = outcome.Message;
            return Redirect(handler == ModerationActions.Delete ? CommentsModel.Address(status, 1) : $"/admin/comments/{id}");
        }
        Errors = outcome.Result.Errors;
        return await RefusedAsync(id, keepText: false, cancellationToken);
    }

    /// <summary>How the trail names an action.</summary>
    public static string Describe(string action) => action switch
    {
        "comment." + CommentStatus.Approved => "Approved",
        "comment." + CommentStatus.Pending => "Sent back to Pending",
        "comment." + CommentStatus.Spam => "Marked as spam",
        "comment." + CommentStatus.Trash => "Moved to the trash",
        CommentAudit.Edited => "Edited",
        CommentAudit.StaffReply => "Written as a staff reply",
        CommentAudit.Blocked => "Author blocked",
        _ => action,
    };

    private async Task<IActionResult> RefusedAsync(long id, bool keepText, CancellationToken cancellationToken)
    {
        var typed = Text;
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Text = keepText ? typed : Row.Comment.BodySource;
        Problem = string.Join(" ", Errors.Where(error => error.Key is not (ModerationResult.TextField or ReplyField)).Select(error => error.Value));
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (await service.FindAsync(Member, id, cancellationToken) is not { } row)
        {
            return false;
        }
        Row = row;
        Trail = await service.TrailAsync(Member, id, cancellationToken) ?? [];
        return true;
    }
}
