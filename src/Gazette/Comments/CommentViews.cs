using Gazette.Rendering;

namespace Gazette.Comments;

public sealed record CommentView(
    long Id,
    string AuthorName,
    string? AuthorUrl,
    bool Staff,
    string Initials,
    int AvatarHue,
    DateView Created,
    SafeHtml Body,
    bool Pending,
    string? ReplyUrl,
    string ReportAction,
    IReadOnlyList<CommentView> Children);

/// <summary>The form as the page shows it, with what the reader typed and each field's error.</summary>
public sealed record CommentFormView(
    long ArticleId,
    long ParentId,
    string? ReplyToName,
    string CancelReplyUrl,
    string Author,
    string Email,
    string Url,
    string Comment,
    string? AuthorError,
    string? EmailError,
    string? UrlError,
    string? CommentError,
    string? ParentError,
    string? FormError)
{
    public bool HasErrors => AuthorError is not null || EmailError is not null || UrlError is not null || CommentError is not null || ParentError is not null || FormError is not null;
}

public sealed record DiscussionView(
    bool Open,
    int Count,
    string Heading,
    IReadOnlyList<CommentView> Threads,
    string? PreviousPageUrl,
    string? NextPageUrl,
    CommentFormView Form);

