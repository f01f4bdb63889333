using Gazette.Rendering;
using Gazette.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Articles.Admin;

/// <summary>
/// A new article: saved as the member's draft first, then submitted,
/// published or scheduled on the version just made, as the button asked.
/// </summary>
[Authorize(Policy = NewsroomRole.Policies.Contributors)]
public sealed class NewModel(ArticleEditor editor, ArticleAutosaves autosaves, PreviewPages previews, PageRenderer pages, TimeProvider time)
    : ArticleFormPageModel(previews, pages)
{
    public override bool IsNew => true;

    /// <summary>The member's autosave of an article never saved, offered back.</summary>
    public Autosave? Offered { get; private set; }

    /// <summary>"page" for a new page (editors and administrators), else an article.</summary>
    [BindProperty(SupportsGet = true, Name = "kind")]
    public string? Kind { get; set; }

    public bool IsPage => Kind == ArticleKind.Page;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Form.Kind = IsPage ? ArticleKind.Page : ArticleKind.Article;
        Form.Bylines = [BylineRow.Of(new Byline(Member.Id, ""), 0)];
        Offered = await autosaves.OfferAsync(Member, null, cancellationToken);
        Buttons = EditorButtons.For(Member, null);
    }

    public Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken) => CreateAsync(ArticleAction.Save, cancellationToken);

    public Task<IActionResult> OnPostSubmitAsync(CancellationToken cancellationToken) => CreateAsync(ArticleAction.Submit, cancellationToken);

    public Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken) => CreateAsync(ArticleAction.Publish, cancellationToken);

    public Task<IActionResult> OnPostScheduleAsync(CancellationToken cancellationToken) => CreateAsync(ArticleAction.Schedule, cancellationToken);

    public async Task<IActionResult> OnPostAutosaveAsync(CancellationToken cancellationToken)
    {
        await autosaves.SaveAsync(Member, null, null, Form.ToInput(), cancellationToken);
        return new NoContentResult();
    }

    public async Task<IActionResult> OnPostRestoreAutosaveAsync(CancellationToken cancellationToken)
    {
        if (await autosaves.GetAsync(Member, null, cancellationToken) is { } autosave)
        {
            Form = ArticleForm.Of(autosave.Input with { Bylines = autosave.Input.Bylines ?? [new Byline(Member.Id, "")] }, Time);
        }
        Buttons = EditorButtons.For(Member, null);
        return Page();
    }

    public async Task<IActionResult> OnPostDiscardAutosaveAsync(CancellationToken cancellationToken)
    {
        await autosaves.DiscardAsync(Member, null, cancellationToken);
        Flash = "Unsaved changes discarded.";
        return Redirect("/admin/articles/new");
    }

    private async Task<IActionResult> CreateAsync(ArticleAction action, CancellationToken cancellationToken)
    {
        Buttons = EditorButtons.For(Member, null);
        var scheduleAt = Form.ScheduleTime(Time);
        if (action == ArticleAction.Schedule && !(scheduleAt > time.GetUtcNow()))
        {
            return Invalid(Error(ArticleFields.ScheduleAt, scheduleAt is null ? $"Enter the date and time to publish at ({Time.Zone})." : "Choose a time in the future."));
        }
        if (action is ArticleAction.Publish or ArticleAction.Schedule && !Member.CanPublish)
        {
            return await ForbiddenAsync(cancellationToken);
        }
        var created = await editor.CreateAsync(Member, Form.ToInput(), cancellationToken);
        if (created.Outcome == EditOutcome.Forbidden)
        {
            return await ForbiddenAsync(cancellationToken);
        }
        if (created.Outcome != EditOutcome.Done)
        {
            return Invalid(created.Errors);
        }
        var id = created.Article!.Article.Id;
        var version = created.Article.Article.Version;
        var result = action switch
        {
            ArticleAction.Submit => await editor.SubmitAsync(Member, id, version, null, cancellationToken),
            ArticleAction.Publish => await editor.PublishAsync(Member, id, version, null, cancellationToken),
            ArticleAction.Schedule => await editor.ScheduleAsync(Member, id, version, scheduleAt!.Value, null, cancellationToken),
            _ => created,
        };
        Flash = result.Succeeded
            ? Done(action, result.Article!)
            : "Draft saved, but nothing more: " + string.Join(" ", result.Errors.Values);
        return Redirect($"/admin/articles/{id}");
    }

    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult Invalid(IReadOnlyDictionary<string, string> errors)
    {
        Errors = errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
