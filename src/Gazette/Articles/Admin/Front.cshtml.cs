using Gazette.Web;
using Gazette.Web.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Articles.Admin;

/// <summary>
/// Editors arrange a front (the home page's, or a section's with <c>?section=SLUG</c>):
/// a lead and up to <see cref="FrontDesk.MaxFeatured"/> featured stories, moved by
/// buttons, no script. A refused choice comes back with the story still chosen and
/// the reason by its field (422).
/// </summary>
[Authorize(Policy = NewsroomRole.Policies.Editors)]
public sealed class FrontModel(FrontDesk desk, SectionParents sections, TaxonomyStore taxonomy) : AdminPageModel
{
    /// <summary>How many of the newest stories the chooser offers.</summary>
    public const int Offered = 100;

    public Term? Section { get; private set; }

    public IReadOnlyList<SectionPlace> Sections { get; private set; } = [];

    public IReadOnlyList<FrontPick> Picks { get; private set; } = [];

    public IReadOnlyList<FrontCandidate> Candidates { get; private set; } = [];

    /// <summary>The story chosen in the refused form, and why it was refused.</summary>
    public (string Chosen, string Error)? Refused { get; private set; }

    public string FrontLabel => Section is null ? "the home page" : $"the {Section.Name} section";

    public string PublicUrl => Section is null ? "/" : Permalinks.Section(Section.Slug);

    public string Self => Section is null ? "/admin/front" : "/admin/front?section=" + Uri.EscapeDataString(Section.Slug);

    public async Task<IActionResult> OnGetAsync(string? section, CancellationToken cancellationToken) =>
        await LoadAsync(section, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string? section, string? act, string? article, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(section, cancellationToken))
        {
            return NotFound();
        }
        string? error;
        if (!Enum.TryParse<FrontAction>(act, ignoreCase: true, out var action) || !Enum.IsDefined(action))
        {
            error = "Choose what to do with the story.";
        }
        else if (!long.TryParse(article, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var articleId))
        {
            error = "Choose a story.";
        }
        else
        {
            error = await desk.ArrangeAsync(Member, Section?.Id, action, articleId, cancellationToken);
        }
        if (error is null)
        {
            Flash = $"Saved: {FrontLabel} shows it from the next request.";
            return Redirect(Self);
        }
        Refused = (article?.Trim() ?? "", error);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(string? section, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(section))
        {
            Section = await taxonomy.FindSectionAsync(section, cancellationToken);
            if (Section is null)
            {
                return false;
            }
        }
        Sections = await sections.ListAsync(cancellationToken);
        Picks = await desk.PicksAsync(Section?.Id, cancellationToken);
        Candidates = await desk.CandidatesAsync(Section?.Id, Offered, cancellationToken);
        return true;
    }
}
