using System.Globalization;
using System.Text;
using Gazette.Articles.Contracts;

namespace Gazette.Related;

/// <summary>
/// A cheap text similarity for related coverage (decision 102): the distinct
/// words of the headline and summary (three letters or more, less the commonest
/// English ones; Chinese text as pairs of Han characters) and the cosine of two
/// such sets. The body is left out: a headline and its summary say what the
/// story is about, and reading bodies would make each candidate cost pages.
/// </summary>
public static class RelatedText
{
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "had", "her", "was", "one", "our", "out",
        "has", "his", "how", "its", "may", "new", "now", "who", "did", "get", "him", "say", "she", "too", "use", "with",
        "that", "this", "from", "they", "will", "have", "been", "than", "into", "over", "said", "says", "after", "about",
        "their", "there", "what", "when", "which", "would", "could", "more", "most", "some", "such", "them", "then",
        "these", "those", "were", "while", "also", "only", "other",
    };

    public static IReadOnlySet<string> Words(PublicArticle article) => Words($"{article.Title} {article.Summary}");

    public static IReadOnlySet<string> Words(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();
        char? previousHan = null;
        void Flush()
        {
            if (word.Length >= 3 && word.ToString() is var value && !Common.Contains(value))
            {
                words.Add(value);
            }
            word.Clear();
        }
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (IsHan(c))
            {
                Flush();
                if (previousHan is { } before)
                {
                    words.Add(string.Concat(before, c));
                }
                previousHan = c;
                continue;
            }
            previousHan = null;
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
            else
            {
                Flush();
            }
        }
        Flush();
        return words;
    }

    /// <summary>Shared words over the geometric mean of the two sets' sizes: 0 (nothing shared) to 1 (the same words).</summary>
    public static double Similarity(IReadOnlySet<string> one, IReadOnlySet<string> other)
    {
        if (one.Count == 0 || other.Count == 0)
        {
            return 0;
        }
        var shared = one.Count(other.Contains);
        return shared / Math.Sqrt((double)one.Count * other.Count);
    }

    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';
}
