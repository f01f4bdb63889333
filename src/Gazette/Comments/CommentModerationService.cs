using Gazette.Articles.Contracts;
using Gazette.Comments.Contracts;
using Gazette.Events;
using Gazette.Kernel;
using Gazette.Settings.Contracts;
using Gazette.Web;
using Microsoft.Extensions.Options;

namespace Gazette.Comments;

/// <summary>Where a moderated comment was written: the article's title and, while readers can see it, its address.</summary>
public sealed record ModeratedArticle(long Id, string Title, string? Url);

/// <summary>One comment of the moderation queue, with its article and why the rules held it (null when they did not).</summary>
public sealed record ModerationRow(ModeratedComment Comment, ModeratedArticle Article, string? Reason);

/// <summary>One page of a tab (a status), with every tab's count.</summary>
public sealed record ModerationListing(string Tab, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<ModerationRow> Rows, int Page, int PageCount);

/// <summary>Which part of a commenter "block this commenter" adds to the disallowed list.</summary>
public enum BlockBy
{
    Email,
    Address,
}

/// <summary>
/// The moderation screens' actions, for editors and administrators only
/// (<see cref="NewsroomUser.CanModerate"/>); anyone else is refused and nothing
/// changes. Each action is one unit of work: its status changes raise
/// Comments' events (the count and the cached pages follow) and write the
/// audit trail in the same transaction. Bad input comes back as errors by
/// field, never as an exception.
/// </summary>
public sealed class CommentModerationService(
    UnitsOfWork units,
    ModerationStore store,
    CommentModerator moderator,
    AuditTrail trail,
    IArticleDirectory articles,
    ISettings settings,
    IOptionsMonitor<DiscussionOptions> options)
{
    public const int DefaultPageSize = 20;

    /// <summary>A tab of the queue, newest first; null when <paramref name="actor"/> may not moderate. An unknown tab is Pending.</summary>
    public async Task<ModerationListing?> ListAsync(NewsroomUser actor, string tab, int page = 1, int pageSize = DefaultPageSize, CancellationToken cancellationToken = default)
    {
        if (!actor.CanModerate)
        {
            return null;
        }
        tab = CommentStatus.All.Contains(tab) ? tab : CommentStatus.Pending;
        pageSize = Math.Clamp(pageSize, 1, 200);
        var counts = await store.CountsAsync(cancellationToken);
        var pageCount = Math.Max(1, (counts[tab] + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pageCount);
        var comments = await store.ListAsync(tab, (page - 1) * pageSize, pageSize, cancellationToken);
        var found = new Dictionary<long, ModeratedArticle>();
        var rows = new List<ModerationRow>();
        foreach (var comment in comments)
        {
            if (!found.TryGetValue(comment.ArticleId, out var article))
            {
                found[comment.ArticleId] = article = await ArticleAsync(comment.ArticleId, cancellationToken);
            }
            rows.Add(new ModerationRow(comment, article, ReasonOf(comment)));
        }
        return new ModerationListing(tab, counts, rows, page, pageCount);
    }

    /// <summary>One comment with its article and reason; null when there is none or <paramref name="actor"/> may not moderate.</summary>
    public async Task<ModerationRow?> FindAsync(NewsroomUser actor, long id, CancellationToken cancellationToken = default) =>
        actor.CanModerate && await store.FindAsync(id, cancellationToken) is { } comment
            ? new ModerationRow(comment, await ArticleAsync(comment.ArticleId, cancellationToken), ReasonOf(comment))
            : null;

    /// <summary>Why the rules held a comment or called it spam, with the entry they matched; null when they did neither.</summary>
    public static string? ReasonOf(ModeratedComment comment) =>
        comment.ModerationRule is { } rule ? ModerationRule.Describe(rule, comment.ModerationMatch) : null;

    /// <summary>Who changed a comment, and when, newest first; null when <paramref name="actor"/> may not moderate.</summary>
    public async Task<IReadOnlyList<AuditEntry>?> TrailAsync(NewsroomUser actor, long commentId, CancellationToken cancellationToken = default) =>
        actor.CanModerate ? await trail.ForSubjectAsync(CommentAudit.Comment, CommentAudit.IdText(commentId), cancellationToken: cancellationToken) : null;

    /// <summary>Bulk approve, unapprove (pending), spam or trash: all the comments or none.</summary>
    public async Task<ModerationResult> SetStatusAsync(NewsroomUser actor, IReadOnlyCollection<long> ids, string status, CancellationToken cancellationToken = default)
    {
        if (!actor.CanModerate)
        {
            return ModerationResult.Refused;
        }
        if (!CommentStatus.All.Contains(status))
        {
            return ModerationResult.Failed(ModerationResult.StatusField, $"The status must be one of {string.Join(", ", CommentStatus.All)}.");
        }
        await using var work = await units.BeginAsync(cancellationToken);
        var comments = await FindAllAsync(work, ids, cancellationToken);
        if (comments.Error is { } error)
        {
            return error;
        }
        var changed = 0;
        foreach (var comment in comments.Found.Where(comment => comment.Status != status))
        {
            await moderator.SetStatusAsync(work, comment.Id, status, Actor(actor), cancellationToken);
            changed++;
        }
        await work.CommitAsync(cancellationToken);
        return ModerationResult.Done(changed);
    }

    /// <summary>
    /// Deletes comments for good, with their replies: only from Spam or Trash,
    /// so nothing a reader can see disappears without passing through the trash.
    /// </summary>
    public async Task<ModerationResult> DeleteAsync(NewsroomUser actor, IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default)
    {
        if (!actor.CanModerate)
        {
            return ModerationResult.Refused;
        }
        await using var work = await units.BeginAsync(cancellationToken);
        var comments = await FindAllAsync(work, ids, cancellationToken);
        if (comments.Error is { } error)
        {
            return error;
        }
        if (comments.Found.FirstOrDefault(comment => comment.Status is not (CommentStatus.Spam or CommentStatus.Trash)) is { } kept)
        {
            return ModerationResult.Failed(ModerationResult.IdsField, $"Comment {kept.Id} is {kept.Status}: only comments in Spam or Trash can be deleted for good; nothing was deleted.");
        }
        var deleted = 0;
        foreach (var comment in comments.Found)
        {
            // A reply of an earlier comment of the batch has gone with it.
            if (await moderator.DeleteAsync(work, comment.Id, Actor(actor), cancellationToken) is not null)
            {
                deleted++;
            }
        }
        await work.CommitAsync(cancellationToken);
        return ModerationResult.Done(deleted);
    }

    /// <summary>Replaces a comment's text, rendered exactly as a reader's text is.</summary>
    public async Task<ModerationResult> EditAsync(NewsroomUser actor, long id, string text, CancellationToken cancellationToken = default)
    {
        if (!actor.CanModerate)
        {
            return ModerationResult.Refused;
        }
        if (TextError(text) is { } error)
        {
            return ModerationResult.Failed(ModerationResult.TextField, error);
        }
        await using var work = await units.BeginAsync(cancellationToken);
        if (await store.FindAsync(work, id, cancellationToken) is not { } comment)
        {
            return NoSuchComment(id);
        }
        if (comment.BodySource == text)
        {
            return ModerationResult.Done(0);
        }
        await store.EditAsync(work, comment, text, CommentText.FromPlainText(text).Html, cancellationToken);
        await work.AuditAsync(Actor(actor), CommentAudit.Edited, CommentAudit.Comment, CommentAudit.IdText(id), "", cancellationToken);
        await work.CommitAsync(cancellationToken);
        return ModerationResult.Done(1);
    }

    /// <summary>
    /// A reply as the signed-in editor, approved at once and marked as staff.
    /// Replying to a pending comment approves it first, as WordPress's
    /// "Approve and Reply" does; spam and trash take no replies.
    /// </summary>
    public async Task<ModerationResult> ReplyAsync(NewsroomUser actor, long parentId, string text, CancellationToken cancellationToken = default)
    {
        if (!actor.CanModerate)
        {
            return ModerationResult.Refused;
        }
        if (TextError(text) is { } error)
        {
            return ModerationResult.Failed(ModerationResult.TextField, error);
        }
        await using var work = await units.BeginAsync(cancellationToken);
        if (await store.FindAsync(work, parentId, cancellationToken) is not { } parent)
        {
            return NoSuchComment(parentId);
        }
        if (parent.Status is CommentStatus.Spam or CommentStatus.Trash)
        {
            return ModerationResult.Failed(ModerationResult.IdsField, $"Comment {parentId} is {parent.Status}; approve it before replying.");
        }
        if (parent.Status == CommentStatus.Pending)
        {
            await moderator.SetStatusAsync(work, parentId, CommentStatus.Approved, Actor(actor), cancellationToken);
        }
        var id = await store.AddStaffReplyAsync(work, parent, actor.Id, actor.Name, text, CommentText.FromPlainText(text).Html, cancellationToken);
        await work.AuditAsync(Actor(actor), CommentAudit.StaffReply, CommentAudit.Comment, CommentAudit.IdText(id), "reply to " + CommentAudit.IdText(parentId), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return ModerationResult.Done(1, id);
    }

    /// <summary>Approves every pending comment written with the email of comment <paramref name="id"/>.</summary>
    public async Task<ModerationResult> ApproveAllFromAuthorAsync(NewsroomUser actor, long id, CancellationToken cancellationToken = default)
    {
        if (!actor.CanModerate)
        {
            return ModerationResult.Refused;
        }
        await using var work = await units.BeginAsync(cancellationToken);
        if (await store.FindAsync(work, id, cancellationToken) is not { } comment)
        {
            return NoSuchComment(id);
        }
        if (comment.AuthorEmail.Length == 0)
        {
            return ModerationResult.Failed(ModerationResult.IdsField, $"Comment {id} has no email address to find its author's other comments by.");
        }
        var changed = 0;
        foreach (var pending in (await store.ByEmailAsync(work, comment.AuthorEmail, cancellationToken)).Where(other => other.Status == CommentStatus.Pending))
        {
            await moderator.SetStatusAsync(work, pending.Id, CommentStatus.Approved, Actor(actor), cancellationToken);
            changed++;
        }
        await work.CommitAsync(cancellationToken);
        return ModerationResult.Done(changed);
    }

    /// <summary>
    /// Adds the email or the address of comment <paramref name="id"/>'s author
    /// to the disallowed list (<see cref="BlockedCommenters"/>): their next
    /// comments are spam. The comment itself stays where it is.
    /// </summary>
    public async Task<ModerationResult> BlockAsync(NewsroomUser actor, long id, BlockBy by, CancellationToken cancellationToken = default)
    {
        if (!actor.CanModerate)
        {
            return ModerationResult.Refused;
        }
        await using var work = await units.BeginAsync(cancellationToken);
        if (await store.FindAsync(work, id, cancellationToken) is not { } comment)
        {
            return NoSuchComment(id);
        }
        var entry = by == BlockBy.Email ? comment.AuthorEmail : comment.Ip ?? "";
        if (entry.Length == 0)
        {
            return ModerationResult.Failed(ModerationResult.IdsField,
                by == BlockBy.Email ? $"Comment {id} has no email address to block." : $"Comment {id} has no address to block (addresses are kept {options.CurrentValue.RetentionDays} days).");
        }
        var added = await settings.AddLineAsync(work, BlockedCommenters.SettingKey, entry, cancellationToken);
        if (added)
        {
            await work.AuditAsync(Actor(actor), CommentAudit.Blocked, CommentAudit.Comment, CommentAudit.IdText(id),
                by == BlockBy.Email ? "blocked the author's email" : "blocked the author's address", cancellationToken);
        }
        await work.CommitAsync(cancellationToken);
        return ModerationResult.Done(added ? 1 : 0);
    }

    /// <summary>The emails and addresses moderators have blocked, as stored (newest last).</summary>
    public async Task<IReadOnlyList<string>> BlockedAsync(NewsroomUser actor, CancellationToken cancellationToken = default) =>
        actor.CanModerate ? await BlockedCommenters.ReadAsync(settings, cancellationToken) : [];

    /// <summary>Takes <paramref name="entry"/> off the disallowed list: that commenter's next comments are judged like anyone's.</summary>
    public async Task<ModerationResult> UnblockAsync(NewsroomUser actor, string entry, CancellationToken cancellationToken = default)
    {
        if (!actor.CanModerate)
        {
            return ModerationResult.Refused;
        }
        await using var work = await units.BeginAsync(cancellationToken);
        if (!await settings.RemoveLineAsync(work, BlockedCommenters.SettingKey, entry, cancellationToken))
        {
            return ModerationResult.Failed(ModerationResult.WholeForm, "That entry is not on the list (someone may have removed it already).");
        }
        await work.AuditAsync(Actor(actor), CommentAudit.Unblocked, CommentAudit.BlockList, "site",
            entry.Contains('@', StringComparison.Ordinal) ? "unblocked an email address" : "unblocked an address", cancellationToken);
        await work.CommitAsync(cancellationToken);
        return ModerationResult.Done(1);
    }

    private static AuditActor Actor(NewsroomUser user) => new(user.Id, user.Name);

    private static ModerationResult NoSuchComment(long id) =>
        ModerationResult.Failed(ModerationResult.IdsField, $"There is no comment {id}; nothing was changed.");

    private string? TextError(string text)
    {
        var limit = options.CurrentValue.MaxCommentLength;
        return text.Trim().Length == 0 ? "Please type the comment's text."
            : text.Any(UnicodeControls.IsForbiddenInText) ? "The text contains a control character (such as NUL) that cannot be shown."
            : text.Length > limit ? $"The text is {text.Length:N0} characters long; the limit is {limit:N0}."
            : null;
    }

    private async Task<(IReadOnlyList<ModeratedComment> Found, ModerationResult? Error)> FindAllAsync(UnitOfWork work, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return ([], ModerationResult.Failed(ModerationResult.IdsField, "Choose at least one comment."));
        }
        var found = new List<ModeratedComment>();
        foreach (var id in ids.Distinct())
        {
            if (await store.FindAsync(work, id, cancellationToken) is not { } comment)
            {
                return ([], NoSuchComment(id));
            }
            found.Add(comment);
        }
        return (found, null);
    }

    private async Task<ModeratedArticle> ArticleAsync(long id, CancellationToken cancellationToken) =>
        await articles.FindVisibleAsync(id, cancellationToken) is { } article
            ? new ModeratedArticle(id, article.Title, article.Url)
            : new ModeratedArticle(id, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Article {id} (not public)"), null);
}
