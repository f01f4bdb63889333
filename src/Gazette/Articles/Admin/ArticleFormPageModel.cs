using System.Globalization;
using Gazette.Articles.Contracts;
using Gazette.Rendering;
using Gazette.Web.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gazette.Articles.Admin;

/// <summary>
/// What the new-article page and the editor share: the form as posted (kept as
/// typed when refused), errors by field, the version the form was opened at,
/// the buttons the member's role and the article's status allow, the
/// server-side preview, and the answers for refusals.
/// </summary>
public abstract class ArticleFormPageModel(PreviewPages previews, PageRenderer pages) : AdminPageModel
{
    [BindProperty]
    public ArticleForm Form { get; set; } = new();

    /// <summary>The version the form was opened at: a save on top of a newer one is a conflict.</summary>
    [BindProperty]
    public int BaseVersion { get; set; }

    public IReadOnlyDictionary<string, string> Errors { get; protected set; } = new Dictionary<string, string>();

    public IReadOnlyList<EditorButton> Buttons { get; protected set; } = [];

    public abstract bool IsNew { get; }

    /// <summary>A published article: its save may carry an update or correction notice.</summary>
    public virtual bool TakesNotice => false;

    /// <summary>The notices readers already see, newest first.</summary>
    public virtual IReadOnlyList<ArticleNotice> Notices => [];

    /// <summary>For a page: the pages it may be placed under.</summary>
    public IReadOnlyList<PageChoice> Parents { get; private set; } = [];

    /// <summary>An article's bylines as stored, for a member who may not change them to read.</summary>
    public virtual IReadOnlyList<Byline> CurrentBylines => [new Byline(Member.Id, Member.Name)];

    /// <summary>Editors set an article's bylines (decision 145); a page shows none.</summary>
    public bool SetsBylines => Member.CanEditOthers && Form.Kind != ArticleKind.Page;

    /// <summary>For an editor: the members a byline may name.</summary>
    public IReadOnlyList<NewsroomMember> Members { get; private set; } = [];

    /// <summary>Lists the parent or byline choices once the handler has run, for whichever page it renders.</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Result is PageResult && Form.Kind == ArticleKind.Page)
        {
            var self = RouteData.Values.TryGetValue("id", out var id) && long.TryParse(id?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : (long?)null;
            Parents = await HttpContext.RequestServices.GetRequiredService<ArticleEditor>().ParentChoicesAsync(self, HttpContext.RequestAborted);
        }
        if (executed.Result is PageResult && SetsBylines && HttpContext.RequestServices.GetService<INewsroomNames>() is { } names)
        {
            Members = await names.MembersAsync(HttpContext.RequestAborted);
        }
    }

    /// <summary>The form as the public theme would show it, unsaved (no script needed).</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken) =>
        new ResultAction(await previews.RenderAsync(Form.ToInput(), Member.Name, cancellationToken));

    protected async Task<IActionResult> ForbiddenAsync(CancellationToken cancellationToken) =>
        new ResultAction(await pages.NoticeAsync(StatusCodes.Status403Forbidden, "Not allowed",
            "Your role does not allow this for this article.", "/admin/articles", cancellationToken));

    protected async Task<IActionResult> NotFoundPageAsync(CancellationToken cancellationToken) =>
        new ResultAction(await pages.NoticeAsync(StatusCodes.Status404NotFound, "No such article",
            "There is no article with this number: it may have been deleted.", "/admin/articles", cancellationToken));

    /// <summary>What a successful action says on the next page.</summary>
    protected string Done(ArticleAction action, EditableArticle article) => action switch
    {
        ArticleAction.Submit => "Submitted for review: an editor will look at it.",
        ArticleAction.Publish => "Published. View it: " + Absolute(article.Permalink),
        ArticleAction.Schedule => $"Scheduled for {Time.Format(article.Article.PublishedAt!.Value)}.",
        ArticleAction.Unpublish => "Unpublished: it is a draft again, out of public view.",
        ArticleAction.Trash => "Moved to the trash.",
        ArticleAction.Restore => "Restored from the trash, as a draft.",
        _ when article.Article.Status == ArticleStatus.Published => "Updated. View it: " + Absolute(article.Permalink),
        _ when article.Article.Status == ArticleStatus.Draft => "Draft saved.",
        _ => "Saved.",
    };

    protected string Absolute(string? path) => path is null ? "" : $"{Request.Scheme}://{Request.Host}{path}";

    protected static IReadOnlyDictionary<string, string> Error(string field, string message) => new Dictionary<string, string> { [field] = message };
}
