namespace Gazette.Search;

/// <summary>The search page as the theme sees it (search.liquid).</summary>
public sealed record SearchView(string Query, string Message, int Total, bool More, IReadOnlyList<SearchResultView> Results, string? PreviousUrl, string? NextUrl);

public sealed record SearchResultView(string Title, string Url, string Date, IReadOnlyList<SnippetPart> Snippet);

/// <summary>
/// A stretch of a snippet: the template encodes its text and wraps a marked
/// stretch in &lt;mark&gt;, so no reader text ever becomes markup.
/// </summary>
public sealed record SnippetPart(string Text, bool Mark)
{
    public static IReadOnlyList<SnippetPart> Split(string snippet)
    {
        var parts = new List<SnippetPart>();
        var rest = snippet;
        while (rest.Length > 0)
        {
            var start = rest.IndexOf(SearchEngine.MarkStart, StringComparison.Ordinal);
            if (start < 0)
            {
                parts.Add(new SnippetPart(Clean(rest), false));
                break;
            }
            if (start > 0)
            {
                parts.Add(new SnippetPart(Clean(rest[..start]), false));
            }
            rest = rest[(start + 1)..];
            var end = rest.IndexOf(SearchEngine.MarkEnd, StringComparison.Ordinal);
            var marked = end < 0 ? rest : rest[..end];
            parts.Add(new SnippetPart(Clean(marked), true));
            rest = end < 0 ? "" : rest[(end + 1)..];
        }
        return parts;
    }

    private static string Clean(string text) => text.Replace(SearchEngine.MarkStart, "", StringComparison.Ordinal).Replace(SearchEngine.MarkEnd, "", StringComparison.Ordinal);
}
