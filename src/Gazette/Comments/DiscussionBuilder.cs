using System.Globalization;
using Gazette.Articles;
using Microsoft.Extensions.Options;

namespace Gazette.Comments;

/// <summary>What the article page needs to show its discussion, for one comment page.</summary>
public sealed record DiscussionRequest(
    Article Article,
    int Page = 1,
    PublicComment? PendingOwnComment = null,
    PublicComment? ReplyTo = null,
    CommentForm? Form = null,
    IReadOnlyDictionary<string, string>? Errors = null);

public sealed class DiscussionBuilder(CommentStore comments, IOptionsMonitor<DiscussionOptions> options, TimeProvider time)
{
    public const string ReplyToKey = "replytocom";

    public DiscussionOptions Options => options.CurrentValue;

    /// <summary>Null when the requested comment page does not exist.</summary>
    public async Task<DiscussionView?> BuildAsync(DiscussionRequest request, CancellationToken cancellationToken = default)
    {
        var settings = Options;
        var article = request.Article;
        var url = Permalinks.Of(article);
        var shown = (await comments.ListApprovedAsync(article.Id, cancellationToken)).ToList();
        if (request.PendingOwnComment is { } pending)
        {
            shown.Add(pending);
        }
        var thread = CommentThread.Build(shown, settings.OldestFirst);
        var pages = thread.PageCount(settings.ThreadsPerPage);
        if (request.Page < 1 || request.Page > pages)
        {
            return null;
        }
        var open = DiscussionRules.IsOpen(article, settings, time.GetUtcNow());
        var threads = thread.Page(request.Page, settings.ThreadsPerPage).Select(root => View(root, 1)).ToList();
        var count = article.CommentCount;
        var heading = count == 0 ? "Your comment" : $"{count} {(count == 1 ? "response" : "responses")} to “{article.Title}”";
        return new DiscussionView(
            open,
            count,
            heading,
            threads,
            request.Page > 1 ? PageUrl(url, request.Page - 1) + "#comments" : null,
            request.Page < pages ? PageUrl(url, request.Page + 1) + "#comments" : null,
            FormView(article, url, request with { ReplyTo = request.ReplyTo ?? ParentOf(request.Form, shown) }));

        CommentView View(PublicComment comment, int depth) => new(
            comment.Id,
            comment.AuthorName,
            comment.AuthorUrl.Length > 0 ? comment.AuthorUrl : null,
            DiscussionRules.Initials(comment.AuthorName),
            DiscussionRules.AvatarHue(comment.AuthorName),
            ArticleViewFactory.Date(comment.CreatedAt),
            Rendering.SafeHtml.FromStoredSanitized(comment.BodyHtml),
            comment.Status != CommentStatus.Approved,
            open && depth < settings.ThreadDepth && comment.Status == CommentStatus.Approved
                ? string.Create(CultureInfo.InvariantCulture, $"{url}?{ReplyToKey}={comment.Id}#respond")
                : null,
            string.Create(CultureInfo.InvariantCulture, $"/comments/{comment.Id}/report"),
            thread.ChildrenOf(comment.Id).Select(child => View(child, depth + 1)).ToList());
    }

    /// <summary>The page a comment is on, counting the caller's own pending comment where it will show.</summary>
    public async Task<string> LocateAsync(Article article, PublicComment comment, CancellationToken cancellationToken = default)
    {
        var shown = (await comments.ListApprovedAsync(article.Id, cancellationToken)).Where(other => other.Id != comment.Id).Append(comment);
        var page = CommentThread.Build(shown, Options.OldestFirst).PageOf(comment.Id, Options.ThreadsPerPage);
        return PageUrl(Permalinks.Of(article), page);
    }

    /// <summary>The comment a re-shown form (422) was replying to, so it still says "Reply to NAME".</summary>
    private static PublicComment? ParentOf(CommentForm? form, List<PublicComment> shown) =>
        form is { ParentId: > 0 } ? shown.Find(comment => comment.Id == form.ParentId && comment.Status == CommentStatus.Approved) : null;

    public static string PageUrl(string articleUrl, int page) =>
        page <= 1 ? articleUrl : string.Create(CultureInfo.InvariantCulture, $"{articleUrl}comment-page-{page}/");

    private static CommentFormView FormView(Article article, string url, DiscussionRequest request)
    {
        var form = request.Form ?? CommentForm.Empty;
        var errors = request.Errors ?? new Dictionary<string, string>();
        var parentId = request.ReplyTo?.Id ?? form.ParentId;
        return new CommentFormView(
            article.Id,
            parentId,
            request.ReplyTo?.AuthorName,
            url + "#respond",
            form.Author,
            form.Email,
            form.Url,
            form.Comment,
            errors.GetValueOrDefault(CommentForm.AuthorField),
            errors.GetValueOrDefault(CommentForm.EmailField),
            errors.GetValueOrDefault(CommentForm.UrlField),
            errors.GetValueOrDefault(CommentForm.CommentField),
            errors.GetValueOrDefault(CommentForm.ParentField));
    }
}
