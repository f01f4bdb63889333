using System.Globalization;
using Gazette.Articles.Contracts;
using Gazette.Comments.Contracts;
using Gazette.Rendering;
using Microsoft.Extensions.Options;

namespace Gazette.Comments;

/// <summary>The comment form to show again with what the reader typed and why it was refused (422).</summary>
public sealed record RefusedForm(CommentForm Form, IReadOnlyDictionary<string, string> Errors);

/// <summary>
/// Fills the article page's discussion slot: one comment page of approved
/// threads, the reader's own pending comment (?unapproved=ID&amp;moderation-hash=...),
/// the form replying to a comment (?replytocom=ID) or shown again after a refusal.
/// Those per-reader views are never cached.
/// </summary>
public sealed class DiscussionSlot(CommentStore comments, ThreadPageReader threads, ModerationHash moderationHash, IOptionsMonitor<DiscussionOptions> options, SiteTime siteTime, TimeProvider time) : IDiscussionSlot
{
    public const string ReplyToKey = "replytocom";
    public const string UnapprovedKey = "unapproved";
    public const string ModerationHashKey = "moderation-hash";

    public static readonly DiscussionQueryKeys QueryKeys = new([UnapprovedKey, ModerationHashKey, ReplyToKey]);

    private DiscussionOptions Options => options.CurrentValue;

    /// <summary>Pages of an article showing its discussion carry this tag: a comment shown or hidden evicts them.</summary>
    public static string CacheTag(long articleId) => string.Create(CultureInfo.InvariantCulture, $"discussion:{articleId}");

    public async Task<DiscussionSlotContent> FillAsync(DiscussionSlotRequest request, CancellationToken cancellationToken)
    {
        var article = request.Article;
        var query = request.Context.Request.Query;
        var refused = request.State as RefusedForm;
        PublicComment? pending = null;
        if (long.TryParse(query[UnapprovedKey], out var pendingId)
            && await comments.FindAsync(pendingId, cancellationToken) is { } own
            && own.ArticleId == article.Id
            && own.Status is CommentStatus.Pending or CommentStatus.Spam
            && moderationHash.Verify(own.Id, own.CreatedAt, query[ModerationHashKey]))
        {
            pending = own;
        }
        var replyTo = long.TryParse(query[ReplyToKey], out var replyId) ? await ApprovedOnAsync(replyId, article.Id, cancellationToken) : null;
        var view = await BuildAsync(article, request.Page, pending, replyTo, refused, cancellationToken);
        return new DiscussionSlotContent(
            view is not null,
            view,
            QueryKeys.Personal.Any(query.ContainsKey),
            [CacheTag(article.Id)],
            UntilClosing(article));
    }

    /// <summary>A page cached while comments are open must not outlive their closing (CloseAfterDays).</summary>
    private TimeSpan? UntilClosing(DiscussedArticle article) =>
        Options.CloseAfterDays > 0 ? article.PublishedAt.AddDays(Options.CloseAfterDays) - time.GetUtcNow() : null;

    /// <summary>Null when the requested comment page does not exist.</summary>
    private async Task<DiscussionView?> BuildAsync(DiscussedArticle article, int page, PublicComment? pending, PublicComment? replyTo, RefusedForm? refused, CancellationToken cancellationToken)
    {
        var settings = Options;
        var url = article.Url;
        if (page < 1)
        {
            return null;
        }
        var pendingParentShown = pending?.ParentId is { } pendingParent && await ApprovedOnAsync(pendingParent, article.Id, cancellationToken) is not null;
        var (topLevel, hasNext) = await TopLevelPageAsync(article.Id, page, settings, pendingParentShown ? null : pending, cancellationToken);
        if (page > 1 && topLevel.Count == 0)
        {
            return null;
        }
        var shown = topLevel.Concat(await threads.RepliesAsync(article.Id, [.. topLevel.Select(comment => comment.Id)], cancellationToken)).ToList();
        if (pendingParentShown && shown.Exists(comment => comment.Id == pending!.ParentId))
        {
            shown.Add(pending!);
        }
        var thread = CommentThread.Build(shown, settings.OldestFirst);
        var open = DiscussionRules.IsOpen(article, settings, time.GetUtcNow());
        var views = thread.Roots.Select(root => View(root, 1)).ToList();
        var count = article.CommentCount;
        var heading = count == 0 ? "Your comment" : $"{count} {(count == 1 ? "response" : "responses")} to “{article.Title}”";
        var replyingTo = replyTo ?? (refused?.Form is { ParentId: > 0 and var parentId } ? await ApprovedOnAsync(parentId, article.Id, cancellationToken) : null);
        return new DiscussionView(
            open,
            count,
            heading,
            views,
            page > 1 ? ArticleUrls.CommentPage(url, page - 1) + "#comments" : null,
            hasNext ? ArticleUrls.CommentPage(url, page + 1) + "#comments" : null,
            FormView(article.Id, url + "#respond", replyingTo, refused));

        CommentView View(PublicComment comment, int depth) => new(
            comment.Id,
            comment.AuthorName,
            comment.AuthorUrl.Length > 0 ? comment.AuthorUrl : null,
            comment.Staff,
            DiscussionRules.Initials(comment.AuthorName),
            DiscussionRules.AvatarHue(comment.AuthorName),
            siteTime.View(comment.CreatedAt),
            SafeHtml.FromStoredSanitized(comment.BodyHtml),
            comment.Status != CommentStatus.Approved,
            open && depth < settings.ThreadDepth && comment.Status == CommentStatus.Approved
                ? string.Create(CultureInfo.InvariantCulture, $"{url}?{ReplyToKey}={comment.Id}#respond")
                : null,
            string.Create(CultureInfo.InvariantCulture, $"/comments/{comment.Id}/report"),
            thread.ChildrenOf(comment.Id).Select(child => View(child, depth + 1)).ToList());
    }

    /// <summary>
    /// The top-level comments of one page and whether a next page exists, read
    /// as a page and one more (no count). The reader's own pending comment at
    /// the top level (<paramref name="pendingTop"/>) takes its place in the
    /// order: one more is read before the page, and the pending comment shifts
    /// the page by one when it comes before it.
    /// </summary>
    private async Task<(IReadOnlyList<PublicComment> TopLevel, bool HasNext)> TopLevelPageAsync(long articleId, int page, DiscussionOptions settings, PublicComment? pendingTop, CancellationToken cancellationToken)
    {
        var perPage = settings.ThreadsPerPage;
        var oldestFirst = settings.OldestFirst;
        var start = (page - 1) * perPage;
        if (pendingTop is null)
        {
            var read = await threads.TopLevelAsync(articleId, oldestFirst, start, perPage + 1, cancellationToken);
            return ([.. read.Take(perPage)], read.Count > perPage);
        }
        var candidates = (await threads.TopLevelAsync(articleId, oldestFirst, Math.Max(0, start - 1), perPage + 2, cancellationToken)).ToList();
        if (page == 1)
        {
            candidates.Add(pendingTop);
        }
        else if (candidates.Count > 0 && ComesBefore(candidates[0], pendingTop, oldestFirst))
        {
            candidates[0] = pendingTop;
        }
        var ordered = oldestFirst
            ? candidates.OrderBy(comment => comment.CreatedAt).ThenBy(comment => comment.Id)
            : candidates.OrderByDescending(comment => comment.CreatedAt).ThenByDescending(comment => comment.Id);
        return ([.. ordered.Take(perPage)], candidates.Count > perPage);
    }

    private static bool ComesBefore(PublicComment first, PublicComment second, bool oldestFirst)
    {
        var order = first.CreatedAt != second.CreatedAt ? first.CreatedAt.CompareTo(second.CreatedAt) : first.Id.CompareTo(second.Id);
        return oldestFirst ? order < 0 : order > 0;
    }

    /// <summary>
    /// The page a comment is on, counting the caller's own pending comment where
    /// it will show: the page of the top of its thread, found by counting the
    /// top-level comments before that one through the index.
    /// </summary>
    public async Task<string> LocateAsync(DiscussedArticle article, PublicComment comment, CancellationToken cancellationToken = default)
    {
        var settings = Options;
        var top = comment.ParentId is { } parent ? await threads.ThreadTopAsync(article.Id, parent, cancellationToken) ?? comment.Id : comment.Id;
        var before = await threads.TopLevelBeforeAsync(article.Id, settings.OldestFirst, top, cancellationToken);
        return ArticleUrls.CommentPage(article.Url, before / settings.ThreadsPerPage + 1);
    }

    /// <summary>An approved comment of the article (one a reply may answer), or null.</summary>
    private async Task<PublicComment?> ApprovedOnAsync(long id, long articleId, CancellationToken cancellationToken) =>
        await comments.FindAsync(id, cancellationToken) is { Status: CommentStatus.Approved } found && found.ArticleId == articleId ? found : null;

    /// <summary>The comment form, empty or with what a reader typed and why it was refused.</summary>
    public static CommentFormView FormView(long articleId, string cancelReplyUrl, PublicComment? replyTo, RefusedForm? refused)
    {
        var form = refused?.Form ?? CommentForm.Empty;
        var errors = refused?.Errors ?? new Dictionary<string, string>();
        var parentId = replyTo?.Id ?? Math.Max(0, form.ParentId);
        return new CommentFormView(
            articleId,
            parentId,
            replyTo?.AuthorName,
            cancelReplyUrl,
            form.Author,
            form.Email,
            form.Url,
            form.Comment,
            errors.GetValueOrDefault(CommentForm.AuthorField),
            errors.GetValueOrDefault(CommentForm.EmailField),
            errors.GetValueOrDefault(CommentForm.UrlField),
            errors.GetValueOrDefault(CommentForm.CommentField),
            errors.GetValueOrDefault(CommentForm.ParentField),
            errors.GetValueOrDefault(CommentForm.WholeForm));
    }
}
