using Gazette.Rendering;
using Gazette.Web;
using Gazette.Web.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Articles.Admin;

/// <summary>An article's revisions: who saved each and when, two compared side by side (a GET form: it changes nothing), and one restored as a new save.</summary>
[Authorize(Policy = NewsroomRole.Policies.Contributors)]
public sealed class RevisionsModel(ArticleEditor editor, ArticleRevisions revisions, PageRenderer pages) : AdminPageModel
{
    public EditableArticle Article { get; private set; } = null!;

    public IReadOnlyList<RevisionSummary> List { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "from")]
    public int? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public int? To { get; set; }

    public RevisionComparison? Comparison { get; private set; }

    /// <summary>Whether the member may save the article, so restore a revision of it.</summary>
    public bool MayRestore { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var opened = await editor.OpenAsync(Member, id, cancellationToken);
        if (opened.Outcome != EditOutcome.Done)
        {
            return await RefusedAsync(opened.Outcome, cancellationToken);
        }
        Article = opened.Article!;
        MayRestore = ArticleRules.May(Member, ArticleAction.Save, Article.Article) && ArticleRules.RefusalFor(ArticleAction.Save, Article.Article.Status) is null;
        List = await revisions.ListAsync(Member, id, cancellationToken) ?? [];
        if (List.Count > 0)
        {
            To ??= List[0].Version;
            From ??= List.Count > 1 ? List[1].Version : List[0].Version;
            Comparison = await revisions.CompareAsync(Member, id, From.Value, To.Value, cancellationToken);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(long id, int version, int baseVersion, CancellationToken cancellationToken)
    {
        var result = await editor.RestoreRevisionAsync(Member, id, baseVersion, version, cancellationToken);
        switch (result.Outcome)
        {
            case EditOutcome.Done:
                Flash = $"Version {version} restored, as version {result.Article!.Article.Version}.";
                return Redirect($"/admin/articles/{id}");
            case EditOutcome.Conflict:
                Flash = "Someone saved this article since you opened this page: look again before restoring.";
                return Redirect($"/admin/articles/{id}/revisions");
            case EditOutcome.Invalid:
                Flash = "Not restored: " + string.Join(" ", result.Errors.Values);
                return Redirect($"/admin/articles/{id}/revisions");
            default:
                return await RefusedAsync(result.Outcome, cancellationToken);
        }
    }

    private async Task<IActionResult> RefusedAsync(EditOutcome outcome, CancellationToken cancellationToken) =>
        new ResultAction(outcome == EditOutcome.Forbidden
            ? await pages.NoticeAsync(StatusCodes.Status403Forbidden, "Not allowed", "Your role does not allow this for this article.", "/admin/articles", cancellationToken)
            : await pages.NoticeAsync(StatusCodes.Status404NotFound, "No such article", "There is no article or revision with this number.", "/admin/articles", cancellationToken));

    public static string FieldLabel(string field) => field switch
    {
        ArticleFields.BodyMarkdown => "Body",
        _ => field,
    };
}
