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
public sealed class DiscussionSlot(CommentStore comments, ModerationHash moderationHash, IOptionsMonitor<DiscussionOptions> options, SiteTime siteTime, TimeProvider time) : IDiscussionSlot
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
        PublicComment? replyTo = null;
        if (long.TryParse(query[ReplyToKey], out var replyId)
            && await comments.FindAsync(replyId, cancellationToken) is { ArticleId: var replyArticle, Status: CommentStatus.Approved } parent
            && replyArticle == article.Id)
        {
            replyTo = parent;
        }
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
        var shown = (await comments.ListApprovedAsync(article.Id, cancellationToken)).ToList();
        if (pending is not null)
        {
            shown.Add(pending);
        }
        var thread = CommentThread.Build(shown, settings.OldestFirst);
        var pages = thread.PageCount(settings.ThreadsPerPage);
        if (page < 1 || page > pages)
        {
            return null;
        }
        var open = DiscussionRules.IsOpen(article, settings, time.GetUtcNow());
        var threads = thread.Page(page, settings.ThreadsPerPage).Select(root => View(root, 1)).ToList();
        var count = article.CommentCount;
        var heading = count == 0 ? "Your comment" : $"{count} {(count == 1 ? "response" : "responses")} to “{article.Title}”";
        return new DiscussionView(
            open,
            count,
            heading,
            threads,
            page > 1 ? ArticleUrls.CommentPage(url, page - 1) + "#comments" : null,
            page < pages ? ArticleUrls.CommentPage(url, page + 1) + "#comments" : null,
            FormView(article.Id, url + "#respond", replyTo ?? ParentOf(refused?.Form, shown), refused));

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

    /// <summary>The page a comment is on, counting the caller's own pending comment where it will show.</summary>
    public async Task<string> LocateAsync(DiscussedArticle article, PublicComment comment, CancellationToken cancellationToken = default)
    {
        var shown = (await comments.ListApprovedAsync(article.Id, cancellationToken)).Where(other => other.Id != comment.Id).Append(comment);
        var page = CommentThread.Build(shown, Options.OldestFirst).PageOf(comment.Id, Options.ThreadsPerPage);
        return ArticleUrls.CommentPage(article.Url, page);
    }

    /// <summary>The comment a re-shown form (422) was replying to, so it still says "Reply to NAME".</summary>
    private static PublicComment? ParentOf(CommentForm? form, List<PublicComment> shown) =>
        form is { ParentId: > 0 } ? shown.Find(comment => comment.Id == form.ParentId && comment.Status == CommentStatus.Approved) : null;

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
