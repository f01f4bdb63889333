namespace Gazette.Articles.Contracts;

/// <summary>
/// The article page's related-coverage slot. The page offers it; whichever
/// module implements this fills it (Related), from data it keeps itself. With
/// no implementation the page shows no related coverage.
/// </summary>
public interface IRelatedSlot
{
    Task<RelatedSlotContent> FillAsync(long articleId, CancellationToken cancellationToken);
}

/// <summary>What the slot shows (handed to the template as <c>related</c>; null shows nothing) and the cache tags it adds to the page.</summary>
public sealed record RelatedSlotContent(object? View, IReadOnlyList<string> CacheTags);
