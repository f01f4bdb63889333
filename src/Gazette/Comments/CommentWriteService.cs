using Gazette.Comments.Contracts;
using Gazette.Kernel;
using Gazette.Web;

namespace Gazette.Comments;

/// <summary>
/// <see cref="ICommentWrites"/>: a submission goes through <see cref="CommentService"/>
/// as the reader form's does (validation, duplicates, floods, moderation rules,
/// events), and moderation through <see cref="CommentModerationService"/> as the
/// queue's buttons do (audit trail, events), so the API adds no path of its own.
/// </summary>
public sealed class CommentWriteService(CommentService submissions, CommentModerationService moderation, ModerationStore store, PublicCommentReader lists) : ICommentWrites
{
    public async Task<(IReadOnlyList<EditableComment> Items, int Total)> ListAsync(NewsroomUser actor, PublicCommentQuery query, IReadOnlyList<string> statuses, CancellationToken cancellationToken)
    {
        if (!actor.CanModerate)
        {
            return ([], 0);
        }
        var (page, total) = await lists.QueryAsync(query with { HiddenArticleIds = [] }, statuses, cancellationToken);
        return (await FindAsync(actor, [.. page.Select(comment => comment.Id)], cancellationToken), total);
    }

    public async Task<CommentWriteResult> SubmitAsync(CommentSubmission submission, CancellationToken cancellationToken)
    {
        // Read as the form reads its fields, so the same text is stored whichever way it came.
        var form = new CommentForm(submission.ArticleId, submission.ParentId, submission.AuthorName.Trim(), submission.AuthorEmail.Trim(), submission.AuthorUrl.Trim(),
            UnicodeControls.WithoutBidiControls(submission.Text.ReplaceLineEndings("\n").Trim()), "", "");
        var outcome = await submissions.SubmitAsync(form, submission.Ip, submission.UserAgent, submission.Member, cancellationToken);
        return outcome switch
        {
            CommentOutcome.NoArticle => new(CommentWriteStatus.NoArticle),
            CommentOutcome.Closed => new(CommentWriteStatus.Closed),
            CommentOutcome.Invalid invalid => new(CommentWriteStatus.Invalid, Errors: invalid.Errors),
            CommentOutcome.Duplicate => new(CommentWriteStatus.Duplicate),
            CommentOutcome.Flooded flooded => new(CommentWriteStatus.Flooded, RetryAfter: flooded.RetryAfter),
            CommentOutcome.Accepted accepted => new(CommentWriteStatus.Done, await EditableAsync(accepted.Comment.Id, cancellationToken)),
            _ => throw new InvalidOperationException($"Unknown comment outcome {outcome}."),
        };
    }

    public async Task<IReadOnlyList<EditableComment>> FindAsync(NewsroomUser actor, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        if (!actor.CanModerate)
        {
            return [];
        }
        var found = new List<EditableComment>();
        foreach (var id in ids.Distinct())
        {
            if (await EditableAsync(id, cancellationToken) is { } comment)
            {
                found.Add(comment);
            }
        }
        return found;
    }

    public async Task<CommentWriteResult> UpdateAsync(NewsroomUser actor, long id, string? status, string? text, CancellationToken cancellationToken)
    {
        if (Check(actor, await EditableAsync(id, cancellationToken)) is { } refused)
        {
            return refused;
        }
        if (status is not null && await moderation.SetStatusAsync(actor, [id], status, cancellationToken) is { Succeeded: false } statusResult)
        {
            return Invalid(CommentWriteResult.StatusField, statusResult);
        }
        if (text is not null && await moderation.EditAsync(actor, id, text.ReplaceLineEndings("\n"), cancellationToken) is { Succeeded: false } textResult)
        {
            return Invalid(CommentWriteResult.TextField, textResult);
        }
        return new(CommentWriteStatus.Done, await EditableAsync(id, cancellationToken));
    }

    public async Task<CommentWriteResult> DeleteAsync(NewsroomUser actor, long id, bool force, CancellationToken cancellationToken)
    {
        var comment = await EditableAsync(id, cancellationToken);
        if (Check(actor, comment) is { } refused)
        {
            return refused;
        }
        if (!force && comment!.Status == CommentStatus.Trash)
        {
            return new(CommentWriteStatus.AlreadyTrashed, comment);
        }
        if (comment!.Status is not (CommentStatus.Spam or CommentStatus.Trash))
        {
            // Deleting for good goes through the trash, as the queue's rule asks, so the events say where it was.
            await moderation.SetStatusAsync(actor, [id], CommentStatus.Trash, cancellationToken);
        }
        if (!force)
        {
            return new(CommentWriteStatus.Done, await EditableAsync(id, cancellationToken));
        }
        var deleted = await moderation.DeleteAsync(actor, [id], cancellationToken);
        return deleted.Succeeded ? new(CommentWriteStatus.Done, comment) : Invalid(CommentWriteResult.StatusField, deleted);
    }

    private static CommentWriteResult? Check(NewsroomUser actor, EditableComment? comment) =>
        !actor.CanModerate ? new(CommentWriteStatus.Refused)
        : comment is null ? new(CommentWriteStatus.NotFound)
        : null;

    private static CommentWriteResult Invalid(string field, ModerationResult result) =>
        new(CommentWriteStatus.Invalid, Errors: new Dictionary<string, string>(StringComparer.Ordinal) { [field] = string.Join(" ", result.Errors.Values) });

    private async Task<EditableComment?> EditableAsync(long id, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } comment
            ? new EditableComment(comment.Id, comment.ArticleId, comment.ParentId, comment.UserId, comment.AuthorName, comment.AuthorEmail, comment.AuthorUrl,
                comment.Ip, comment.UserAgent, comment.BodySource, comment.BodyHtml, comment.Status, comment.CreatedAt)
            : null;
}
