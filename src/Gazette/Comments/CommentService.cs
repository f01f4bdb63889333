using System.Globalization;
using Gazette.Articles.Contracts;
using Gazette.Comments.Contracts;
using Gazette.Settings.Contracts;
using Gazette.Web;
using Microsoft.Extensions.Options;

namespace Gazette.Comments;

public abstract record CommentOutcome
{
    public sealed record NoArticle : CommentOutcome;

    public sealed record Closed(DiscussedArticle Article) : CommentOutcome;

    public sealed record Invalid(DiscussedArticle Article, CommentForm Form, IReadOnlyDictionary<string, string> Errors) : CommentOutcome;

    public sealed record Duplicate(DiscussedArticle Article) : CommentOutcome;

    public sealed record Flooded(DiscussedArticle Article, TimeSpan RetryAfter) : CommentOutcome;

    public sealed record Accepted(DiscussedArticle Article, PublicComment Comment, string RedirectUrl) : CommentOutcome;
}

/// <summary>
/// A reader's comment from form to database, checks in the order:
/// closed, then validation (nothing stored), then duplicate, flood, and the
/// moderation rules (in <see cref="CommentStore.SubmitAsync"/>, in a
/// transaction shared with other comments by <see cref="CommentCommits"/>).
/// </summary>
public sealed class CommentService(
    IArticleDirectory articles,
    CommentCommits commits,
    CommentStore comments,
    DiscussionSlot discussions,
    FillStamps fillStamps,
    ModerationHash moderationHash,
    IOptionsMonitor<DiscussionOptions> options,
    ISettings siteSettings,
    TimeProvider time,
    ILogger<CommentService> logger)
{
    /// <param name="member">
    /// The signed-in member of the newsroom posting, if any: an editor's or an
    /// administrator's comment skips the moderation rules, is approved at once
    /// and marked as staff (duplicates and floods are still refused).
    /// </param>
    public async Task<CommentOutcome> SubmitAsync(CommentForm form, string? ip, string? userAgent, NewsroomUser? member = null, CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue;
        var article = form.ArticleId > 0 ? await articles.FindVisibleAsync(form.ArticleId, cancellationToken) : null;
        if (article is null)
        {
            return new CommentOutcome.NoArticle();
        }
        if (!DiscussionRules.IsOpen(article, settings, time.GetUtcNow()))
        {
            return new CommentOutcome.Closed(article);
        }
        var errors = new Dictionary<string, string>(CommentValidator.Validate(form, settings), StringComparer.Ordinal);
        if (form.ParentId > 0 && !await CanReplyToAsync(article.Id, form.ParentId, settings.ThreadDepth, cancellationToken))
        {
            errors[CommentForm.ParentField] = "The comment you are replying to is no longer open for replies.";
        }
        if (errors.Count > 0)
        {
            return new CommentOutcome.Invalid(article, form, errors);
        }

        var comment = new NewComment
        {
            ArticleId = article.Id,
            ParentId = form.ParentId > 0 ? form.ParentId : null,
            AuthorName = form.Author,
            AuthorEmail = form.Email,
            AuthorUrl = form.Url,
            BodySource = form.Comment,
            BodyHtml = CommentText.FromPlainText(form.Comment).Html,
            Ip = ip,
            UserAgent = userAgent is { Length: > 512 } ? userAgent[..512] : userAgent,
            UserId = member is { CanModerate: true } ? member.Id : null,
        };
        var blocked = await BlockedCommenters.ReadAsync(siteSettings, cancellationToken);
        ModerationDecision? decision = null;
        var result = await commits.SubmitAsync(comment, settings.FloodSeconds, hasApproved =>
        {
            if (comment.UserId is not null)
            {
                return decision = new ModerationDecision(CommentStatus.Approved, null);
            }
            var facts = new CommentFacts(form.Author, form.Email, form.Url, form.Comment, ip, userAgent, form.Honeypot.Length > 0,
                fillStamps.Read(form.FillStamp), article.Premoderated, hasApproved);
            return decision = CommentModeration.Decide(facts, settings, blocked);
        }, cancellationToken);

        switch (result)
        {
            case SubmitResult.Duplicate:
                return new CommentOutcome.Duplicate(article);
            case SubmitResult.Flooded flooded:
                return new CommentOutcome.Flooded(article, flooded.RetryAfter);
            case SubmitResult.Stored stored:
                var saved = stored.Comment;
                logger.LogInformation("Comment {Comment} on article {Article} is {Status}: {Reason}", saved.Id, article.Id, saved.Status, decision?.Reason);
                var page = await discussions.LocateAsync(article, saved, cancellationToken);
                // ?comment= makes the browser fetch the page again rather than show its own
                // copy from before the comment; the server's cache key ignores it.
                var redirect = saved.Status == CommentStatus.Approved
                    ? string.Create(CultureInfo.InvariantCulture, $"{page}?comment={saved.Id}#comment-{saved.Id}")
                    : string.Create(CultureInfo.InvariantCulture, $"{page}?unapproved={saved.Id}&moderation-hash={moderationHash.For(saved.Id, saved.CreatedAt)}#comment-{saved.Id}");
                return new CommentOutcome.Accepted(article, saved, redirect);
            default:
                throw new InvalidOperationException($"Unknown submission result {result}.");
        }
    }

    /// <summary>Replies go under approved comments of the same article, no deeper than the thread depth.</summary>
    private async Task<bool> CanReplyToAsync(long articleId, long parentId, int maxDepth, CancellationToken cancellationToken)
    {
        var parent = await comments.FindAsync(parentId, cancellationToken);
        if (parent is not { Status: CommentStatus.Approved } || parent.ArticleId != articleId)
        {
            return false;
        }
        var depth = 1;
        for (var up = parent.ParentId; up is { } id && depth < maxDepth; depth++)
        {
            up = (await comments.FindAsync(id, cancellationToken))?.ParentId;
        }
        return depth < maxDepth;
    }
}
