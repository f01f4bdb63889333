using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gazette.Articles.Contracts;
using Gazette.Events;
using Gazette.Kernel;
using Gazette.Security;
using Gazette.Web;

namespace Gazette.Comments;

/// <summary>Everything Gazette stores about one email address, as the export gives it.</summary>
public sealed record PersonalDataExport(string Email, DateTimeOffset ExportedAt, IReadOnlyList<PersonalComment> Comments);

public sealed record PersonalComment(
    long Id,
    long ArticleId,
    string? ArticleTitle,
    string? ArticleUrl,
    string Status,
    string AuthorName,
    string AuthorEmail,
    string AuthorUrl,
    string Text,
    DateTimeOffset CreatedAt,
    string? Ip,
    string? UserAgent);

/// <summary>What a privacy request did: the export (for an export), how many comments it touched, or why it did nothing.</summary>
public sealed record PersonalDataResult(IReadOnlyDictionary<string, string> Errors, int Comments, string? Json = null)
{
    public bool Succeeded => Errors.Count == 0;

    public static PersonalDataResult Failed(ModerationResult refusal) => new(refusal.Errors, 0);
}

/// <summary>
/// WordPress's privacy tools (since 4.9.6) for what a commenter gave us:
/// export it, anonymize it (the text stays, who wrote it goes), or erase the
/// comments. For editors and administrators in the admin, and the command
/// line. The audit trail records each request by a keyed hash of the email and
/// the number of comments, never the email itself.
/// </summary>
public sealed class PersonalDataTools(UnitsOfWork units, ModerationStore store, IArticleDirectory articles, InstallSecret secret, TimeProvider time)
{
    public const string AnonymousName = "Anonymous";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public Task<PersonalDataResult> ExportAsync(NewsroomUser actor, string email, CancellationToken cancellationToken = default) =>
        actor.CanModerate ? ExportAsync(Actor(actor), email, cancellationToken) : Task.FromResult(PersonalDataResult.Failed(ModerationResult.Refused));

    /// <summary>Every comment written with the email, with its article, text, date, address and user agent, as JSON.</summary>
    public async Task<PersonalDataResult> ExportAsync(AuditActor actor, string email, CancellationToken cancellationToken = default)
    {
        if (EmailError(email) is { } error)
        {
            return error;
        }
        await using var work = await units.BeginAsync(cancellationToken);
        var comments = await store.ByEmailAsync(work, email, cancellationToken);
        await work.AuditAsync(actor, CommentAudit.Exported, CommentAudit.Person, SubjectOf(email), Counted(comments.Count), cancellationToken);
        await work.CommitAsync(cancellationToken);
        var exported = new List<PersonalComment>();
        var found = new Dictionary<long, DiscussedArticle?>();
        foreach (var comment in comments)
        {
            if (!found.TryGetValue(comment.ArticleId, out var article))
            {
                found[comment.ArticleId] = article = await articles.FindVisibleAsync(comment.ArticleId, cancellationToken);
            }
            exported.Add(new PersonalComment(comment.Id, comment.ArticleId, article?.Title, article?.Url, comment.Status, comment.AuthorName,
                comment.AuthorEmail, comment.AuthorUrl, comment.BodySource, comment.CreatedAt, comment.Ip, comment.UserAgent));
        }
        var export = new PersonalDataExport(Normalized.Email(email), time.GetUtcNow(), exported);
        return new PersonalDataResult(new Dictionary<string, string>(), exported.Count, JsonSerializer.Serialize(export, Json));
    }

    public Task<PersonalDataResult> AnonymizeAsync(NewsroomUser actor, string email, CancellationToken cancellationToken = default) =>
        actor.CanModerate ? AnonymizeAsync(Actor(actor), email, cancellationToken) : Task.FromResult(PersonalDataResult.Failed(ModerationResult.Refused));

    /// <summary>Keeps the comments written with the email and removes who wrote them (<see cref="ModerationStore.AnonymizeAsync"/>).</summary>
    public Task<PersonalDataResult> AnonymizeAsync(AuditActor actor, string email, CancellationToken cancellationToken = default) =>
        ForEachCommentAsync(actor, email, CommentAudit.Anonymized, store.AnonymizeAsync, cancellationToken);

    public Task<PersonalDataResult> EraseCommentsAsync(NewsroomUser actor, string email, CancellationToken cancellationToken = default) =>
        actor.CanModerate ? EraseCommentsAsync(Actor(actor), email, cancellationToken) : Task.FromResult(PersonalDataResult.Failed(ModerationResult.Refused));

    /// <summary>Deletes the comments written with the email; replies by others stay, moved up a level.</summary>
    public Task<PersonalDataResult> EraseCommentsAsync(AuditActor actor, string email, CancellationToken cancellationToken = default) =>
        ForEachCommentAsync(actor, email, CommentAudit.Erased, store.EraseAsync, cancellationToken);

    /// <summary>
    /// How the audit trail names a person: an HMAC of the normalized email with
    /// a key derived from the install secret, so the trail can answer "was this
    /// address erased?" for whoever has the address, and no one else.
    /// </summary>
    public string SubjectOf(string email) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(secret.DeriveKey("audit:person"), Encoding.UTF8.GetBytes(Normalized.Email(email))))[..32];

    private async Task<PersonalDataResult> ForEachCommentAsync(AuditActor actor, string email, string action,
        Func<UnitOfWork, ModeratedComment, CancellationToken, Task> change, CancellationToken cancellationToken)
    {
        if (EmailError(email) is { } error)
        {
            return error;
        }
        await using var work = await units.BeginAsync(cancellationToken);
        var comments = await store.ByEmailAsync(work, email, cancellationToken);
        foreach (var comment in comments)
        {
            await change(work, comment, cancellationToken);
        }
        await work.AuditAsync(actor, action, CommentAudit.Person, SubjectOf(email), Counted(comments.Count), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return new PersonalDataResult(new Dictionary<string, string>(), comments.Count);
    }

    private static PersonalDataResult? EmailError(string email) =>
        CommentValidator.IsEmail(email.Trim()) ? null : PersonalDataResult.Failed(ModerationResult.Failed(ModerationResult.EmailField, "This is not an email address (name@example.org)."));

    private static string Counted(int comments) => comments == 1 ? "1 comment" : $"{comments} comments";

    private static AuditActor Actor(NewsroomUser user) => new(user.Id, user.Name);
}
