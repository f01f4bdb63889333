using Gazette.Rendering;
using Microsoft.Extensions.Options;

namespace Gazette.Articles;

/// <summary>
/// The public URL of each thing: the one place that writes them (routes in
/// docs/routing.md). An article's path follows the site's permalink pattern,
/// dated in the site's time zone; when the pattern changes, links in the old
/// shape are read by <see cref="Retired"/> and redirected by rule.
/// </summary>
public sealed class Permalinks(IOptionsMonitor<PermalinkOptions> options, SiteTime time)
{
    // Parsed once per value the options hold; a whole object swaps atomically between threads.
    private Parsed current = new(PermalinkPattern.DefaultText, PermalinkPattern.Default);
    private ParsedRetired retired = new([], []);

    /// <summary>The site's pattern; a configured one that is not valid leaves the default in place (the settings page refuses such a value).</summary>
    public PermalinkPattern Pattern
    {
        get
        {
            var text = options.CurrentValue.Permalinks;
            var known = current;
            if (!string.Equals(known.Text, text, StringComparison.Ordinal))
            {
                known = new(text, PermalinkPattern.Problem(text) is null ? PermalinkPattern.Parse(text) : PermalinkPattern.Default);
                current = known;
            }
            return known.Pattern;
        }
    }

    /// <summary>Every pattern links were once written in: the retired ones, then Gazette's default.</summary>
    public IReadOnlyList<PermalinkPattern> Retired
    {
        get
        {
            var source = options.CurrentValue.RetiredPermalinks;
            var known = retired;
            if (!ReferenceEquals(known.Source, source))
            {
                known = new(source, [.. source.Select(PermalinkPattern.Retired).OfType<PermalinkPattern>().Append(PermalinkPattern.Default)]);
                retired = known;
            }
            return known.Patterns;
        }
    }

    public string Article(long id, string slug, DateTimeOffset publishedAt) => Pattern.Format(id, slug, time.Local(publishedAt));

    /// <summary>A published (or scheduled) article's URL.</summary>
    public string Of(Article article) => Article(article.Id, article.Slug, article.PublishedAt!.Value);

    public static string Section(string slug) => $"/section/{slug}/";

    /// <summary>The page listing every section.</summary>
    public const string Sections = "/sections/";

    public static string Tag(string slug) => $"/tag/{slug}/";

    private sealed record Parsed(string Text, PermalinkPattern Pattern);

    private sealed record ParsedRetired(List<string> Source, IReadOnlyList<PermalinkPattern> Patterns);
}
