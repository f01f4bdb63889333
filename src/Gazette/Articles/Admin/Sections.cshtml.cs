using System.Globalization;
using Gazette.Web;
using Gazette.Web.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Articles.Admin;

/// <summary>
/// Editors place sections under one another: one small form per section, no script.
/// A refused save (a loop, a section gone) shows the choice made and why beside that section (422).
/// </summary>
[Authorize(Policy = NewsroomRole.Policies.Editors)]
public sealed class SectionsModel(SectionParents parents) : AdminPageModel
{
    public IReadOnlyList<SectionPlace> Places { get; private set; } = [];

    /// <summary>The refused form: its section, the parent chosen, and why.</summary>
    public (long Id, string Chosen, string Error)? Refused { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Places = await parents.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(long id, string? parent, CancellationToken cancellationToken)
    {
        var error = await parents.SaveAsync(Member, id, parent ?? "", cancellationToken);
        if (error is null)
        {
            Flash = "Section saved. Its pages show it from the next request.";
            return Redirect("/admin/sections");
        }
        Places = await parents.ListAsync(cancellationToken);
        Refused = (id, parent?.Trim() ?? "", error);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>The parent the section's list shows chosen: the refused choice on its form, else the stored parent ("" for none).</summary>
    public string Chosen(Term section) => Refused is { } refused && refused.Id == section.Id
        ? refused.Chosen
        : section.ParentId?.ToString(CultureInfo.InvariantCulture) ?? "";

    public string? Error(Term section) => Refused is { } refused && refused.Id == section.Id ? refused.Error : null;
}
