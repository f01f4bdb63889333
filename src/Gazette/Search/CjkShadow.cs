using System.Text;

namespace Gazette.Search;

/// <summary>
/// Chinese has no spaces between words, and neither FTS5's unicode61 tokenizer
/// nor PostgreSQL's simple parser splits it into words; a trigram index misses
/// two-character words (中国, 外交). So every run of Han characters is also
/// written out as its single characters and its overlapping pairs, as
/// space-separated tokens, the same on both databases: 中国外交 becomes
/// "中 国 外 交 中国 国外 外交". A Chinese query goes through the same function,
/// so a two-character word matches its pair and a single character matches itself.
/// </summary>
public static class CjkShadow
{
    public static bool IsHan(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';

    /// <summary>The tokens of every Han run in <paramref name="text"/>, space-separated; empty when there is none.</summary>
    public static string Of(string text)
    {
        var shadow = new StringBuilder();
        foreach (var run in Runs(text))
        {
            foreach (var token in Tokens(run))
            {
                shadow.Append(shadow.Length == 0 ? "" : " ").Append(token);
            }
        }
        return shadow.ToString();
    }

    /// <summary>The runs of consecutive Han characters in <paramref name="text"/>.</summary>
    public static IEnumerable<string> Runs(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var han = i < text.Length && IsHan(text[i]);
            if (han && start < 0)
            {
                start = i;
            }
            else if (!han && start >= 0)
            {
                yield return text[start..i];
                start = -1;
            }
        }
    }

    /// <summary>A run's single characters, then its overlapping pairs.</summary>
    public static IEnumerable<string> Tokens(string run)
    {
        foreach (var c in run)
        {
            yield return c.ToString();
        }
        for (var i = 0; i + 1 < run.Length; i++)
        {
            yield return run.Substring(i, 2);
        }
    }

    /// <summary>
    /// What a Chinese query word must match: its pairs when it has two or more
    /// characters (all of them, so 中国外交 finds the text that holds it), its
    /// one character otherwise.
    /// </summary>
    public static IReadOnlyList<string> QueryTokens(string run) =>
        run.Length == 1 ? [run] : [.. Enumerable.Range(0, run.Length - 1).Select(i => run.Substring(i, 2))];
}
