using System.Text;

namespace Gazette.Search;

/// <summary>
/// Neither engine's snippet can see a Chinese match: it is found in the CJK
/// shadow, while the text a reader sees keeps Han runs whole (one token for
/// FTS5's unicode61 and for PostgreSQL's parser). So for a query with Han
/// terms both engines return the whole text with their own marks on the
/// other words, and this marks the Han terms and cuts the snippet around the
/// first Han match (the first other one if none shows), the same on both databases.
/// </summary>
public static class CjkSnippet
{
    public const int Before = 30;
    public const int Length = 120;
    private const string Ellipsis = "…";

    public static string Cut(string marked, IReadOnlyList<string> cjkTokens)
    {
        var (text, covered) = Unmark(marked);
        var first = -1;
        foreach (var token in cjkTokens)
        {
            for (var at = text.IndexOf(token, StringComparison.Ordinal); at >= 0; at = text.IndexOf(token, at + 1, StringComparison.Ordinal))
            {
                Array.Fill(covered, true, at, token.Length);
                first = first < 0 ? at : Math.Min(first, at);
            }
        }
        first = first >= 0 ? first : Array.IndexOf(covered, true);
        var start = Math.Max(0, first - Before);
        var end = Math.Min(text.Length, start + Length);
        var snippet = new StringBuilder(start > 0 ? Ellipsis : "");
        for (var i = start; i < end; i++)
        {
            if (covered[i] && (i == start || !covered[i - 1]))
            {
                snippet.Append(SearchEngine.MarkStart[0]);
            }
            snippet.Append(text[i]);
            if (covered[i] && (i + 1 == end || !covered[i + 1]))
            {
                snippet.Append(SearchEngine.MarkEnd[0]);
            }
        }
        return snippet.Append(end < text.Length ? Ellipsis : "").ToString();
    }

    /// <summary>The text without the engine's marks, and which of its characters they marked.</summary>
    private static (string Text, bool[] Covered) Unmark(string marked)
    {
        var text = new StringBuilder(marked.Length);
        var flags = new List<bool>(marked.Length);
        var inside = false;
        foreach (var c in marked)
        {
            if (c == SearchEngine.MarkStart[0] || c == SearchEngine.MarkEnd[0])
            {
                inside = c == SearchEngine.MarkStart[0];
                continue;
            }
            text.Append(c);
            flags.Add(inside);
        }
        return (text.ToString(), [.. flags]);
    }
}
