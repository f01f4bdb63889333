using System.Globalization;

namespace Gazette.Import;

/// <summary>A published post's link as the export gives it, with what WordPress made it of.</summary>
public sealed record PostLink(string Link, long Id, string Slug, DateTime Local);

/// <summary>
/// The old site's permalink structure, which an export does not state: the
/// first of WordPress's common structures that makes every published post's
/// link, with the tags Gazette can write. A structure naming the category or
/// the author, or plain <c>?p=</c> links, gives none.
/// </summary>
public static class WordPressPermalinks
{
    public static readonly IReadOnlyList<string> Candidates =
        ["/%year%/%monthnum%/%day%/%postname%/", "/%year%/%monthnum%/%postname%/", "/%postname%/", "/archives/%post_id%/", "/%year%/%postname%/"];

    public static string? Infer(IReadOnlyCollection<PostLink> links) =>
        links.Count == 0 ? null : Candidates.FirstOrDefault(pattern => links.All(link => Matches(pattern, link)));

    private static bool Matches(string pattern, PostLink link)
    {
        if (!Uri.TryCreate(link.Link, UriKind.Absolute, out var uri) || uri.Query.Length > 0)
        {
            return false;
        }
        var path = pattern
            .Replace("%year%", link.Local.Year.ToString("D4", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("%monthnum%", link.Local.Month.ToString("D2", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("%day%", link.Local.Day.ToString("D2", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("%postname%", link.Slug, StringComparison.Ordinal)
            .Replace("%post_id%", link.Id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        // A site in a folder (example.org/news/) gives none: Gazette answers at the root.
        return string.Equals(uri.AbsolutePath.TrimEnd('/'), path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
    }
}
