using Gazette.Web;
using Gazette.Web.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Articles.Admin;

/// <summary>
/// Editors describe sections and tags: one small form per term, no script. A
/// refused save shows what was typed and why beside that term (422).
/// </summary>
[Authorize(Policy = NewsroomRole.Policies.Editors)]
public sealed class DescriptionsModel(TermDescriptions descriptions) : AdminPageModel
{
    public IReadOnlyList<Term> Sections { get; private set; } = [];

    public IReadOnlyList<Term> Tags { get; private set; } = [];

    /// <summary>The refused form: its kind and id, what was typed, and why.</summary>
    public (string Kind, long Id, string Typed, string Error)? Refused { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => (Sections, Tags) = await descriptions.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(string kind, long id, string? description, CancellationToken cancellationToken)
    {
        var error = await descriptions.SaveAsync(Member, kind, id, description ?? "", cancellationToken);
        if (error is null)
        {
            Flash = "Description saved. The archive shows it from the next request.";
            return Redirect("/admin/descriptions");
        }
        (Sections, Tags) = await descriptions.ListAsync(cancellationToken);
        Refused = (kind, id, description ?? "", error);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>What the term's box shows: what was typed when this form was refused, else the stored description.</summary>
    public string Text(string kind, Term term) => Refused is { } refused && refused.Kind == kind && refused.Id == term.Id ? refused.Typed : term.Description;

    public string? Error(string kind, Term term) => Refused is { } refused && refused.Kind == kind && refused.Id == term.Id ? refused.Error : null;
}
