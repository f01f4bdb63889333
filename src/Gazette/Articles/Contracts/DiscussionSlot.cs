namespace Gazette.Articles.Contracts;

/// <summary>
/// The article page's discussion slot. The page offers it; whichever module
/// implements this fills it (Comments), so neither calls the other's pages or
/// stores. With no implementation the page shows no discussion.
/// </summary>
public interface IDiscussionSlot
{
    Task<DiscussionSlotContent> FillAsync(DiscussionSlotRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// Query parameters with which the slot makes the page one reader's own view
/// (registered beside the slot, read when routes are mapped): such a request is
/// never served from or stored in the cache.
/// </summary>
public sealed record DiscussionQueryKeys(IReadOnlyList<string> Personal);

/// <summary>
/// One comment page (<paramref name="Page"/>) of the article's discussion, for
/// this request; <paramref name="State"/> is what the slot's module passed to
/// <see cref="IArticlePage.RenderAsync"/> (a refused form to show again), else null.
/// </summary>
public sealed record DiscussionSlotRequest(DiscussedArticle Article, int Page, HttpContext Context, object? State);

/// <summary>
/// What the slot shows (<paramref name="View"/>, handed to the template as
/// <c>discussion</c>), whether that comment page exists, whether it was made for
/// one reader, the cache tags it adds, and how long a cached copy may live at most.
/// </summary>
public sealed record DiscussionSlotContent(bool PageExists, object? View, bool Personal, IReadOnlyList<string> CacheTags, TimeSpan? CacheFor);

/// <summary>
/// The article page, for a module that must show it again with its slot's
/// state (the comment form refused with the reader's input, 422). The page
/// renders itself and asks the slot; the caller never sees its parts.
/// </summary>
public interface IArticlePage
{
    Task<IResult> RenderAsync(HttpContext context, long articleId, object state, int statusCode, CancellationToken cancellationToken);
}
