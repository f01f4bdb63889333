namespace Gazette.Rendering;

// What templates may see. These carry only what a page prints, never store
// entities, so no template can reach a field it must not show.

public sealed record SiteView(string Title, string Tagline, IReadOnlyList<LinkView> Sections);

public sealed record LinkView(string Name, string? Url);

public sealed record DateView(string Iso, string Display);

public sealed record PageMeta(string Title, string Description, string? CanonicalUrl, bool NoIndex = false, SafeHtml? StructuredData = null);
