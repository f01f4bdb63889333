using Gazette.Rendering;
using Gazette.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Articles.Admin;

/// <summary>
/// An article's live desk: start, end or resume its coverage, post an entry (refused with what was
/// typed and the error by its field, 422), and the entries newest first, each to edit or delete.
/// </summary>
[Authorize(Policy = NewsroomRole.Policies.Contributors)]
public sealed class LiveModel(LiveDesk desk, Permalinks links, PageRenderer pages) : LiveFormPageModel(pages)
{
    public LiveDeskView View { get; private set; } = null!;

    [BindProperty]
    public LiveEntryForm Entry { get; set; } = new();

    /// <summary>Why a start or end was refused.</summary>
    public string? CoverageError { get; private set; }

    public string? Permalink => View.Article.Status == ArticleStatus.Published ? links.Of(View.Article) : null;

    public async Task<IActionResult> OnGetAsync(long id, long? before, CancellationToken cancellationToken) =>
        await ShowAsync(id, before, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken) =>
        await DoneOrRefusedAsync(id, await desk.PostAsync(Member, id, Entry.ToInput(), cancellationToken), "Entry posted: it is at the top of the live blog.", cancellationToken);

    public async Task<IActionResult> OnPostStartAsync(long id, CancellationToken cancellationToken) =>
        await DoneOrRefusedAsync(id, await desk.StartAsync(Member, id, cancellationToken), "The coverage is live: post the first entry.", cancellationToken);

    public async Task<IActionResult> OnPostEndAsync(long id, CancellationToken cancellationToken) =>
        await DoneOrRefusedAsync(id, await desk.EndAsync(Member, id, cancellationToken), "The coverage has ended: the page no longer says Live, and its entries stay.", cancellationToken);

    /// <summary>Back to the desk with <paramref name="flash"/> when the change was made, else the desk with why not.</summary>
    private async Task<IActionResult> DoneOrRefusedAsync(long id, LiveResult result, string flash, CancellationToken cancellationToken)
    {
        if (result.Outcome == LiveOutcome.Done)
        {
            Flash = flash;
            return Redirect($"/admin/articles/{id}/live");
        }
        return await RefusedOrShownAsync(id, result, cancellationToken);
    }

    private async Task<IActionResult> RefusedOrShownAsync(long id, LiveResult result, CancellationToken cancellationToken)
    {
        if (result.Outcome != LiveOutcome.Invalid)
        {
            return await RefusedAsync(result.Outcome, cancellationToken);
        }
        if (await ShowAsync(id, null, cancellationToken) is { } refused)
        {
            return refused;
        }
        CoverageError = result.Errors.GetValueOrDefault("coverage");
        Entry.Errors = result.Errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<IActionResult?> ShowAsync(long id, long? before, CancellationToken cancellationToken)
    {
        var (outcome, view) = await desk.OpenAsync(Member, id, before, cancellationToken);
        if (outcome != LiveOutcome.Done)
        {
            return await RefusedAsync(outcome, cancellationToken);
        }
        View = view!;
        return null;
    }
}
