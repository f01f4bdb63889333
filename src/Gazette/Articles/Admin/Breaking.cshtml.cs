using Gazette.Web;
using Gazette.Web.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Articles.Admin;

/// <summary>
/// Editors put up the breaking-news banner every page shows, and take it down;
/// it goes by itself at its expiry. A refused banner comes back as typed, with
/// each error by its field (422).
/// </summary>
[Authorize(Policy = NewsroomRole.Policies.Editors)]
public sealed class BreakingModel(BreakingNewsDesk desk, TimeProvider time) : AdminPageModel
{
    public BreakingNewsItem? Latest { get; private set; }

    public BreakingNewsInput Input { get; private set; } = new("", "", "");

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public bool Showing => Latest?.ShowsAt(time.GetUtcNow()) == true;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Latest = await desk.LatestAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(string? text, string? url, string? expires, CancellationToken cancellationToken)
    {
        Input = new BreakingNewsInput(text ?? "", url ?? "", expires ?? "");
        Errors = await desk.PutUpAsync(Member, Input, Time.Parse(Input.Expires.Trim()), cancellationToken);
        if (Errors.Count == 0)
        {
            Flash = "The banner is up: every page shows it from the next request.";
            return Redirect("/admin/breaking");
        }
        Latest = await desk.LatestAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public async Task<IActionResult> OnPostTakeDownAsync(CancellationToken cancellationToken)
    {
        Flash = await desk.TakeDownAsync(Member, cancellationToken) ? "The banner is down." : "There was no banner to take down.";
        return Redirect("/admin/breaking");
    }
}
