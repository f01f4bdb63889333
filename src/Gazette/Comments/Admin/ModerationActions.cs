using System.Globalization;
using Gazette.Comments.Contracts;
using Gazette.Web;

namespace Gazette.Comments.Admin;

/// <summary>What a moderation button did: the service's result and the sentence the next page shows.</summary>
public sealed record ModerationOutcome(ModerationResult Result, string Message);

/// <summary>
/// The moderation buttons both screens share, by the name a button posts as
/// <c>handler</c>: the queue's bulk form and each comment's small forms send
/// the same names with the comments' <c>ids</c>.
/// </summary>
public sealed class ModerationActions(CommentModerationService service)
{
    public const string Approve = "approve";
    public const string Unapprove = "unapprove";
    public const string MarkSpam = "spam";
    public const string MoveToTrash = "trash";
    public const string Delete = "delete";
    public const string ApproveAuthor = "approveauthor";
    public const string BlockEmail = "blockemail";
    public const string BlockAddress = "blockaddress";

    public async Task<ModerationOutcome> RunAsync(NewsroomUser actor, string? action, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        switch (action)
        {
            case Approve:
                return Said(await service.SetStatusAsync(actor, ids, CommentStatus.Approved, cancellationToken), "approved");
            case Unapprove:
                return Said(await service.SetStatusAsync(actor, ids, CommentStatus.Pending, cancellationToken), "sent back to Pending");
            case MarkSpam:
                return Said(await service.SetStatusAsync(actor, ids, CommentStatus.Spam, cancellationToken), "marked as spam");
            case MoveToTrash:
                return Said(await service.SetStatusAsync(actor, ids, CommentStatus.Trash, cancellationToken), "moved to the trash");
            case Delete:
                return Said(await service.DeleteAsync(actor, ids, cancellationToken), "deleted permanently");
            case ApproveAuthor or BlockEmail or BlockAddress when ids.Count != 1:
                return new(ModerationResult.Failed(ModerationResult.IdsField, "Choose one comment for this action."), "");
            case ApproveAuthor:
                return Said(await service.ApproveAllFromAuthorAsync(actor, ids.First(), cancellationToken), "from this author approved");
            case BlockEmail:
            {
                var result = await service.BlockAsync(actor, ids.First(), BlockBy.Email, cancellationToken);
                return new(result, result.Changed > 0
                    ? "The author's email is now on the disallowed list: their next comments go to Spam."
                    : "The author's email was already on the disallowed list.");
            }
            case BlockAddress:
            {
                var result = await service.BlockAsync(actor, ids.First(), BlockBy.Address, cancellationToken);
                return new(result, result.Changed > 0
                    ? "The author's IP address is now on the disallowed list: comments from it go to Spam."
                    : "The author's IP address was already on the disallowed list.");
            }
            default:
                return new(ModerationResult.Failed(ModerationResult.WholeForm, "Choose an action."), "");
        }
    }

    /// <summary>"1 comment approved.", "3 comments approved."</summary>
    public static string Counted(int comments, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"{comments} {(comments == 1 ? "comment" : "comments")} {what}.");

    private static ModerationOutcome Said(ModerationResult result, string what) => new(result, Counted(result.Changed, what));
}
