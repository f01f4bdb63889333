using Gazette.Web;
using Gazette.Web.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Articles.Admin;

/// <summary>
/// Editors choose the masthead's sections and their order: a box to tick and a
/// number per section, one form, no script. A refused save shows what was typed (422).
/// </summary>
[Authorize(Policy = NewsroomRole.Policies.Editors)]
public sealed class NavigationModel(SectionNavigation navigation) : AdminPageModel
{
    public IReadOnlyList<NavigationRow> Rows { get; private set; } = [];

    public bool Automatic { get; private set; }

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var shown = Request.Form["shown"].OfType<string>().ToHashSet(StringComparer.Ordinal);
        var choices = Request.Form["slug"].OfType<string>()
            .Select(slug => new NavigationChoice(slug, shown.Contains(slug), Request.Form["order-" + slug].ToString()))
            .ToList();
        Errors = await navigation.SaveAsync(Member, choices, cancellationToken);
        if (Errors.Count == 0)
        {
            Flash = "Navigation saved. Every page shows it from the next request.";
            return Redirect("/admin/navigation");
        }
        await LoadAsync(cancellationToken);
        var posted = choices.ToDictionary(choice => choice.Slug, StringComparer.Ordinal);
        Rows = [.. Rows.Select(row => posted.GetValueOrDefault(row.Slug) is { } choice ? row with { Shown = choice.Shown, Typed = choice.Order } : row)];
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken cancellationToken)
    {
        await navigation.ResetAsync(Member, cancellationToken);
        Flash = "The navigation shows the busiest sections again.";
        return Redirect("/admin/navigation");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Rows = await navigation.RowsAsync(cancellationToken);
        Automatic = navigation.Chosen() is null;
    }
}
