using Gazette.Rendering;
using Gazette.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Articles.Admin;

/// <summary>
/// The article editor: the form, the actions the member's role allows from the
/// article's status, the post lock's banner, the autosave offered back, preview
/// links, and a conflict shown with both versions when someone saved first.
/// </summary>
[Authorize(Policy = NewsroomRole.Policies.Contributors)]
public sealed class EditorModel(
    ArticleEditor editor,
    ArticleLocks locks,
    ArticleAutosaves autosaves,
    PreviewLinks links,
    PreviewPages previews,
    PageRenderer pages,
    TimeProvider time) : ArticleFormPageModel(previews, pages)
{
    public const int LongestPreviewDays = 30;

    public override bool IsNew => false;

    public EditableArticle Article { get; private set; } = null!;

    public override bool TakesNotice => Article.Article is { Kind: ArticleKind.Article, Status: ArticleStatus.Published };

    public override IReadOnlyList<ArticleNotice> Notices => Article.Notices ?? [];

    public override IReadOnlyList<Byline> CurrentBylines => Article.Bylines ?? [];

    /// <summary>Someone else holding the post lock, for the banner.</summary>
    public ArticleLock? OtherEditor { get; private set; }

    /// <summary>An autosave newer than the last save, offered back.</summary>
    public Autosave? Offered { get; private set; }

    /// <summary>Set when a save was refused because someone saved first: what they saved, side by side with what this member typed.</summary>
    public ArticleConflict? Conflict { get; private set; }

    public SideBySideText? ConflictBody { get; private set; }

    public IReadOnlyList<PreviewLink> PreviewLinks { get; private set; } = [];

    /// <summary>The preview link just made: its full address, shown this once.</summary>
    public string? SharedLink { get; private set; }

    /// <summary>What was wrong with the preview link's form, apart from the article's.</summary>
    public IReadOnlyDictionary<string, string> ShareErrors { get; private set; } = new Dictionary<string, string>();

    [BindProperty(Name = "days")]
    public string? PreviewDays { get; set; }

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var opened = await editor.OpenAsync(Member, id, cancellationToken);
        if (opened.Outcome != EditOutcome.Done)
        {
            return await RefusedAsync(opened, id, cancellationToken);
        }
        var taken = await locks.TakeAsync(Member, id, cancellationToken);
        OtherEditor = taken.Outcome == LockOutcome.HeldByOther ? taken.Lock : null;
        Offered = await autosaves.OfferAsync(Member, id, cancellationToken);
        await ShowAsync(opened.Article!, cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, ArticleAction.Save, () => editor.SaveAsync(Member, id, BaseVersion, Form.ToInput(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostSubmitAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, ArticleAction.Submit, () => editor.SubmitAsync(Member, id, BaseVersion, Form.ToInput(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostPublishAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, ArticleAction.Publish, () => editor.PublishAsync(Member, id, BaseVersion, Form.ToInput(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostScheduleAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, ArticleAction.Schedule, () => Form.ScheduleTime(Time) is { } at
            ? editor.ScheduleAsync(Member, id, BaseVersion, at, Form.ToInput(), cancellationToken)
            : Task.FromResult(EditResult.Invalid(Error(ArticleFields.ScheduleAt, $"Enter the date and time to publish at ({Time.Zone})."))), cancellationToken);

    public Task<IActionResult> OnPostUnpublishAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, ArticleAction.Unpublish, () => editor.UnpublishAsync(Member, id, BaseVersion, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostTrashAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, ArticleAction.Trash, () => editor.TrashAsync(Member, id, BaseVersion, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRestoreAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, ArticleAction.Restore, () => editor.RestoreAsync(Member, id, BaseVersion, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostTakeOverAsync(long id, CancellationToken cancellationToken)
    {
        var taken = await locks.TakeOverAsync(Member, id, cancellationToken);
        switch (taken.Outcome)
        {
            case LockOutcome.NotFound:
                return await NotFoundPageAsync(cancellationToken);
            case LockOutcome.Forbidden:
                return await ForbiddenAsync(cancellationToken);
            default:
                Flash = "You are editing this article now.";
                return Redirect($"/admin/articles/{id}");
        }
    }

    /// <summary>The open page's heartbeat (editor.js, every 60 s).</summary>
    public async Task<IActionResult> OnPostRenewAsync(long id, CancellationToken cancellationToken) =>
        (await locks.RenewAsync(Member, id, cancellationToken)).Outcome switch
        {
            LockOutcome.NotFound => NotFound(),
            LockOutcome.Forbidden => StatusCode(StatusCodes.Status403Forbidden),
            _ => new NoContentResult(),
        };

    /// <summary>The page closing (editor.js's beacon on pagehide): lets go of the lock if this member holds it, so the next editor is not warned for 150 s.</summary>
    public async Task<IActionResult> OnPostReleaseAsync(long id, CancellationToken cancellationToken)
    {
        await locks.ReleaseAsync(Member, id, cancellationToken);
        return new NoContentResult();
    }

    /// <summary>The form kept for this member alone (editor.js, every 30 s); the article is untouched.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(long id, CancellationToken cancellationToken) =>
        await autosaves.SaveAsync(Member, id, BaseVersion, Form.ToInput(), cancellationToken) ? new NoContentResult() : NotFound();

    /// <summary>Puts the offered autosave into the form; nothing is saved until the member saves.</summary>
    public async Task<IActionResult> OnPostRestoreAutosaveAsync(long id, CancellationToken cancellationToken)
    {
        var opened = await editor.OpenAsync(Member, id, cancellationToken);
        if (opened.Outcome != EditOutcome.Done)
        {
            return await RefusedAsync(opened, id, cancellationToken);
        }
        await ShowAsync(opened.Article!, cancellationToken);
        if (await autosaves.GetAsync(Member, id, cancellationToken) is { } autosave)
        {
            // An autosave from a form without byline fields keeps the article's.
            Form = ArticleForm.Of(autosave.Input with
            {
                CommentStatus = opened.Article!.Article.CommentStatus,
                Bylines = autosave.Input.Bylines ?? ArticleInput.Of(opened.Article).Bylines,
            }, Time);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostDiscardAutosaveAsync(long id, CancellationToken cancellationToken)
    {
        await autosaves.DiscardAsync(Member, id, cancellationToken);
        Flash = "Unsaved changes discarded.";
        return Redirect($"/admin/articles/{id}");
    }

    /// <summary>A preview link for someone without an account; its address is shown once, here.</summary>
    public async Task<IActionResult> OnPostShareAsync(long id, CancellationToken cancellationToken)
    {
        var opened = await editor.OpenAsync(Member, id, cancellationToken);
        if (opened.Outcome != EditOutcome.Done)
        {
            return await RefusedAsync(opened, id, cancellationToken);
        }
        await ShowAsync(opened.Article!, cancellationToken);
        if (!int.TryParse(PreviewDays, out var days) || days is < 1 or > LongestPreviewDays)
        {
            ShareErrors = Error("days", $"Enter a number of days from 1 to {LongestPreviewDays}.");
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var created = await links.CreateAsync(Member, id, TimeSpan.FromDays(days), cancellationToken);
        SharedLink = Absolute(created!.Path);
        PreviewLinks = await links.ListAsync(Member, id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, long link, CancellationToken cancellationToken)
    {
        if (!await links.RevokeAsync(Member, link, cancellationToken))
        {
            return await NotFoundPageAsync(cancellationToken);
        }
        Flash = "The preview link no longer works.";
        return Redirect($"/admin/articles/{id}");
    }

    private async Task<IActionResult> ActAsync(long id, ArticleAction action, Func<Task<EditResult>> change, CancellationToken cancellationToken)
    {
        var result = await change();
        switch (result.Outcome)
        {
            case EditOutcome.Done:
                Flash = Done(action, result.Article!);
                return Redirect($"/admin/articles/{id}");
            case EditOutcome.Invalid:
                var opened = await editor.OpenAsync(Member, id, cancellationToken);
                if (opened.Outcome != EditOutcome.Done)
                {
                    return await RefusedAsync(opened, id, cancellationToken);
                }
                await ShowAsync(opened.Article!, cancellationToken, keepForm: true);
                Errors = result.Errors;
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return Page();
            case EditOutcome.Conflict:
                var conflict = result.Conflict!;
                await ShowAsync(conflict.Current, cancellationToken, keepForm: conflict.Yours is not null);
                Conflict = conflict;
                ConflictBody = SideBySideText.Compare(conflict.Current.Article.BodyMarkdown, Form.ToInput().BodyMarkdown);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                return await RefusedAsync(result, id, cancellationToken);
        }
    }

    private async Task<IActionResult> RefusedAsync(EditResult result, long id, CancellationToken cancellationToken) =>
        result.Outcome == EditOutcome.Forbidden ? await ForbiddenAsync(cancellationToken) : await NotFoundPageAsync(cancellationToken);

    /// <summary>Fills the page for <paramref name="article"/>; the form from it unless the posted one is to be kept. The base version becomes the article's, so a deliberate second save goes through.</summary>
    private async Task ShowAsync(EditableArticle article, CancellationToken cancellationToken, bool keepForm = false)
    {
        Article = article;
        if (!keepForm)
        {
            Form = ArticleForm.Of(ArticleInput.Of(article), Time, article.Article.Status == ArticleStatus.Scheduled ? article.Article.PublishedAt : null);
        }
        BaseVersion = article.Article.Version;
        Buttons = EditorButtons.For(Member, article.Article);
        PreviewLinks = await links.ListAsync(Member, article.Article.Id, cancellationToken);
    }
}
