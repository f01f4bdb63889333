using System.Globalization;
using System.Text;

namespace Gazette.Search;

/// <summary>
/// A reader's query reduced to plain terms, never the engine's syntax: every
/// character that is not a letter or a digit separates words, so quotes, *,
/// -, parentheses and control characters cannot reach FTS5 or tsquery, and
/// OR, AND, NOT and NEAR are ordinary words. Every term must match (AND).
/// Latin words are lower-cased; a Chinese word becomes its CJK shadow tokens
/// (<see cref="CjkShadow"/>). At most <see cref="MaxTerms"/> terms of at most
/// <see cref="MaxTermLength"/> characters are kept, so a 10,000-character query
/// costs no more than a short one.
/// </summary>
public sealed record SearchQuery(string Text, IReadOnlyList<string> Words, IReadOnlyList<string> CjkTokens)
{
    public const int MaxInputLength = 200;
    public const int MaxTerms = 8;
    public const int MaxTermLength = 40;

    /// <summary>
    /// Words this long or longer also match as prefixes (budget finds budgets);
    /// shorter ones only as themselves: a prefix as short as "a" or "the" merges
    /// the long lists of every word it starts (a five-word query with "a" took
    /// 150 ms at 100,000 articles, 30 ms without the prefix).
    /// </summary>
    public const int MinPrefixLength = 4;

    public bool IsEmpty => Words.Count == 0 && CjkTokens.Count == 0;

    public static SearchQuery Parse(string? input)
    {
        var text = (input ?? "").Trim();
        if (text.Length > MaxInputLength)
        {
            text = text[..MaxInputLength];
        }
        var words = new List<string>();
        var cjk = new List<string>();
        var word = new StringBuilder();
        void Flush()
        {
            if (word.Length == 0)
            {
                return;
            }
            var value = word.ToString();
            word.Clear();
            if (CjkShadow.IsHan(value[0]))
            {
                foreach (var token in CjkShadow.QueryTokens(value))
                {
                    if (cjk.Count + words.Count < MaxTerms && !cjk.Contains(token))
                    {
                        cjk.Add(token);
                    }
                }
            }
            else if (words.Count + cjk.Count < MaxTerms)
            {
                var lower = value.ToLower(CultureInfo.InvariantCulture);
                lower = lower.Length > MaxTermLength ? lower[..MaxTermLength] : lower;
                if (!words.Contains(lower))
                {
                    words.Add(lower);
                }
            }
        }
        foreach (var c in text)
        {
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }
            var han = CjkShadow.IsHan(c);
            if (word.Length > 0 && han != CjkShadow.IsHan(word[0]))
            {
                Flush();
            }
            word.Append(c);
        }
        Flush();
        return new SearchQuery(text, words, cjk);
    }

    /// <summary>The FTS5 MATCH expression: every term double-quoted (a string, never an operator), words of <see cref="MinPrefixLength"/> or more prefix-matched, joined by AND.</summary>
    public string ToFts5() =>
        string.Join(" AND ", Words.Select(w => $"body : \"{w}\"" + (w.Length >= MinPrefixLength ? "*" : "")).Concat(CjkTokens.Select(t => $"cjk : \"{t}\"")));

    /// <summary>
    /// A tsquery literal (cast, never parsed by to_tsquery, so Han tokens do not
    /// depend on the database's locale): each term a quoted lexeme, words
    /// of <see cref="MinPrefixLength"/> or more prefix-matched, joined by &amp;. Terms are letters and digits only, so no quote can appear.
    /// </summary>
    public string ToTsQuery() => string.Join(" & ", ToTsQueryTerms());

    /// <summary>Each term alone, as a tsquery literal.</summary>
    public IEnumerable<string> ToTsQueryTerms() => Words.Select(w => $"'{w}'" + (w.Length >= MinPrefixLength ? ":*" : "")).Concat(CjkTokens.Select(t => $"'{t}'"));
}
