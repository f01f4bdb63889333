using Gazette.Rendering;
using Gazette.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Articles.Admin;

/// <summary>One entry of a live blog: corrected in place (its time and permalink stay) or deleted.</summary>
[Authorize(Policy = NewsroomRole.Policies.Contributors)]
public sealed class LiveEntryModel(LiveDesk desk, PageRenderer pages) : LiveFormPageModel(pages)
{
    public LiveEntry Stored { get; private set; } = null!;

    [BindProperty]
    public LiveEntryForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, long entry, CancellationToken cancellationToken)
    {
        if (await desk.FindEntryAsync(Member, id, entry, cancellationToken) is not { } stored)
        {
            return await RefusedAsync(LiveOutcome.NotFound, cancellationToken);
        }
        Stored = stored;
        Form = LiveEntryForm.Of(stored);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, long entry, CancellationToken cancellationToken)
    {
        var result = await desk.EditAsync(Member, id, entry, Form.ToInput(), cancellationToken);
        switch (result.Outcome)
        {
            case LiveOutcome.Done:
                Flash = "Entry saved: readers see the change at once.";
                return Redirect($"/admin/articles/{id}/live#{LiveEntryInput.Anchor(entry)}");
            case LiveOutcome.Invalid when await desk.FindEntryAsync(Member, id, entry, cancellationToken) is { } stored:
                Stored = stored;
                Form.Errors = result.Errors;
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return Page();
            default:
                return await RefusedAsync(result.Outcome == LiveOutcome.Invalid ? LiveOutcome.NotFound : result.Outcome, cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, long entry, CancellationToken cancellationToken)
    {
        var result = await desk.DeleteAsync(Member, id, entry, cancellationToken);
        if (result.Outcome != LiveOutcome.Done)
        {
            return await RefusedAsync(result.Outcome, cancellationToken);
        }
        Flash = "Entry deleted: it has left the live blog.";
        return Redirect($"/admin/articles/{id}/live");
    }
}
