namespace Gazette.Articles.Contracts;

/// <summary>An article became visible to the public (or was created published).</summary>
public sealed record ArticlePublished(long ArticleId, IReadOnlyList<long> SectionIds, IReadOnlyList<long> TagIds, bool NavigationChanged);

/// <summary>An article was created or changed without becoming visible (a draft, a scheduled story), or changed while visible.</summary>
public sealed record ArticleChanged(long ArticleId, string Status, IReadOnlyList<long> SectionIds, IReadOnlyList<long> TagIds, bool NavigationChanged);

/// <summary>A section or tag was made with no article yet (lists of terms show it); <paramref name="Kind"/> is "sections" or "tags".</summary>
public sealed record TermCreated(string Kind, long TermId);
