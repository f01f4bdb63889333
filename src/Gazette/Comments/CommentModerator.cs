using System.Security.Cryptography;
using System.Text;
using Gazette.Events;
using Gazette.Security;
using Microsoft.Extensions.Options;

namespace Gazette.Comments;

/// <summary>
/// The moderation path's changes, each one unit of work: a moderator's
/// decision, a deletion, a reader's report. Their events evict the pages that
/// show the comment, here at once and on every node from the log.
/// </summary>
public sealed class CommentModerator(UnitsOfWork units, CommentStore comments, InstallSecret secret, IOptionsMonitor<DiscussionOptions> options)
{
    /// <summary>Moves a comment to a status, on the audit trail as <paramref name="actor"/>'s; returns its article, or null when there is no such comment.</summary>
    public async Task<long?> SetStatusAsync(long id, string status, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var work = await units.BeginAsync(cancellationToken);
        var article = await SetStatusAsync(work, id, status, actor, cancellationToken);
        await work.CommitAsync(cancellationToken);
        return article;
    }

    /// <summary>The same in the caller's unit of work; a comment already in that status is left alone, and unaudited.</summary>
    public async Task<long?> SetStatusAsync(UnitOfWork work, long id, string status, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var change = await comments.SetStatusAsync(work, id, status, cancellationToken);
        if (change is { From: var from } && from != status)
        {
            await CommentAudit.StatusChangedAsync(work, actor, id, from, status, cancellationToken);
        }
        return change?.ArticleId;
    }

    /// <summary>Deletes a comment and its replies for good, each on the audit trail; returns its article, or null.</summary>
    public async Task<long?> DeleteAsync(long id, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var work = await units.BeginAsync(cancellationToken);
        var article = await DeleteAsync(work, id, actor, cancellationToken);
        await work.CommitAsync(cancellationToken);
        return article;
    }

    public async Task<long?> DeleteAsync(UnitOfWork work, long id, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var deleted = await comments.DeleteAsync(work, id, cancellationToken);
        foreach (var comment in deleted)
        {
            await work.AuditAsync(actor, CommentAudit.Deleted, CommentAudit.Comment, CommentAudit.IdText(comment.CommentId),
                comment.CommentId == id ? "was " + comment.Status : $"was {comment.Status}, a reply to a deleted comment", cancellationToken);
        }
        return deleted.Count > 0 ? deleted[0].ArticleId : null;
    }

    /// <summary>One reader's report; reporters are told apart by address, kept only as a keyed hash.</summary>
    public async Task ReportAsync(long id, string? address, CancellationToken cancellationToken = default)
    {
        var reporter = Convert.ToHexStringLower(HMACSHA256.HashData(secret.DeriveKey("comments:reporter"), Encoding.UTF8.GetBytes(address ?? "unknown")));
        await using var work = await units.BeginAsync(cancellationToken);
        await comments.ReportAsync(work, id, reporter, options.CurrentValue.ReportThreshold, cancellationToken);
        await work.CommitAsync(cancellationToken);
    }
}
