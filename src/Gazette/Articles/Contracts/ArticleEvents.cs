namespace Gazette.Articles.Contracts;

/// <summary>An article became visible to the public (or was created published).</summary>
public sealed record ArticlePublished(long ArticleId, IReadOnlyList<long> SectionIds, IReadOnlyList<long> TagIds, bool NavigationChanged)
{
    /// <summary>The members its bylines name (their author pages list it); null when not known (events written before it was carried).</summary>
    public IReadOnlyList<long>? MemberIds { get; init; }

    /// <summary>Its publication times (the date archives list it by them); null when not known.</summary>
    public IReadOnlyList<DateTimeOffset>? PublishedAt { get; init; }
}

/// <summary>
/// An article was created or changed without becoming visible (a draft, a scheduled story), or changed while visible
/// or leaving public view. The ids, members and times are those before and after the change.
/// </summary>
public sealed record ArticleChanged(long ArticleId, string Status, IReadOnlyList<long> SectionIds, IReadOnlyList<long> TagIds, bool NavigationChanged)
{
    /// <summary>The members its bylines named before the change and name after it; null when not known.</summary>
    public IReadOnlyList<long>? MemberIds { get; init; }

    /// <summary>Its publication times before and after the change; null when not known.</summary>
    public IReadOnlyList<DateTimeOffset>? PublishedAt { get; init; }

    /// <summary>Whether the public could see it before the change or can after it: a draft's or a schedule's change shows nowhere.</summary>
    public bool Shown { get; init; } = true;
}

/// <summary>
/// A section was placed under another or moved to the top (<paramref name="OldParentId"/>, <paramref name="NewParentId"/>:
/// null is the top): its page and the pages of the sections it left and joined list other articles now, and term lists show its new parent.
/// </summary>
public sealed record SectionMoved(long SectionId, long? OldParentId, long? NewParentId);

/// <summary>A section or tag was made with no article yet (lists of terms show it); <paramref name="Kind"/> is "sections" or "tags".</summary>
public sealed record TermCreated(string Kind, long TermId);

/// <summary>
/// A live blog's coverage started or ended, or an entry (<paramref name="EntryId"/>) was posted, edited or deleted:
/// the article's page, its live endpoint and the feeds that list it (its sections' and tags') change, nothing else.
/// </summary>
public sealed record LiveBlogUpdated(long ArticleId, long? EntryId, IReadOnlyList<long> SectionIds, IReadOnlyList<long> TagIds);
