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
    /// <summary>Moves a comment to a status; returns its article, or null when there is no such comment.</summary>
    public async Task<long?> SetStatusAsync(long id, string status, CancellationToken cancellationToken = default)
    {
        await using var work = await units.BeginAsync(cancellationToken);
        var article = await comments.SetStatusAsync(work, id, status, cancellationToken);
        await work.CommitAsync(cancellationToken);
        return article;
    }

    /// <summary>Deletes a comment and its replies for good; returns its article, or null.</summary>
    public async Task<long?> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var work = await units.BeginAsync(cancellationToken);
        var article = await comments.DeleteAsync(work, id, cancellationToken);
        await work.CommitAsync(cancellationToken);
        return article;
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
