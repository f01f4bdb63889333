using System.Globalization;
using Gazette.Events;

namespace Gazette.Comments;

/// <summary>What moderation writes to the audit trail: subjects, actions, and the lines for each change.</summary>
public static class CommentAudit
{
    public const string Comment = "comment";

    /// <summary>A commenter, named by a keyed hash of their email (<see cref="PersonalDataTools.SubjectOf"/>), never the email.</summary>
    public const string Person = "person";

    public const string Edited = "comment.edited";
    public const string Deleted = "comment.deleted";
    public const string StaffReply = "comment.staff_reply";
    public const string Blocked = "commenter.blocked";
    public const string Unblocked = "commenter.unblocked";

    /// <summary>The list of blocked emails and addresses, as an audit subject (its entries never are).</summary>
    public const string BlockList = "blocklist";
    public const string Exported = "personal_data.exported";
    public const string Anonymized = "personal_data.anonymized";
    public const string Erased = "personal_data.erased";

    /// <summary>comment.approved, comment.pending, comment.spam, comment.trash.</summary>
    public static string StatusAction(string status) => "comment." + status;

    public static Task StatusChangedAsync(UnitOfWork work, AuditActor actor, long id, string from, string to, CancellationToken cancellationToken) =>
        work.AuditAsync(actor, StatusAction(to), Comment, IdText(id), "from " + from, cancellationToken);

    public static string IdText(long id) => id.ToString(CultureInfo.InvariantCulture);
}
