using Gazette.Kernel;

namespace Gazette.Articles;

/// <summary>
/// A dateline is the place a story was reported from, as wire copy opens it
/// ("KYIV, Ukraine —"): one line of at most <see cref="MaxLength"/> characters.
/// The dash is the theme's, so one typed at the end is dropped (decision 146).
/// </summary>
public static class Datelines
{
    public const int MaxLength = 80;

    private static readonly char[] Dashes = ['—', '–', '-', ' '];

    /// <summary>The dateline to store: spaces collapsed, a trailing dash dropped; a refusal goes into <paramref name="errors"/>.</summary>
    public static string Check(string text, Dictionary<string, string> errors)
    {
        var dateline = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).TrimEnd(Dashes);
        if (dateline.Length > MaxLength)
        {
            errors[ArticleFields.Dateline] = $"A dateline is at most {MaxLength} characters; this one has {dateline.Length}.";
        }
        else if (dateline.Any(UnicodeControls.IsForbiddenInText) || UnicodeControls.ContainsBidiControl(dateline))
        {
            errors[ArticleFields.Dateline] = "The dateline holds characters that cannot be shown.";
        }
        return dateline;
    }
}
