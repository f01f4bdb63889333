using Gazette.Rendering;

namespace Gazette.Related;

/// <summary>The article page's "Related coverage" block as the theme sees it (partials/related.liquid).</summary>
public sealed record RelatedView(IReadOnlyList<RelatedLinkView> Links);

/// <summary>One related article: its headline and link, its first section as a kicker, its date.</summary>
public sealed record RelatedLinkView(string Title, string Url, LinkView? Section, DateView Published);
