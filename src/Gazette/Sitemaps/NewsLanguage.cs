namespace Gazette.Sitemaps;

/// <summary>
/// Google News's language code from the site's BCP 47 tag: the ISO 639 language
/// alone (en-GB is en), except Chinese, which Google wants as zh-cn or zh-tw.
/// </summary>
public static class NewsLanguage
{
    public static string Of(string tag)
    {
        var parts = tag.Trim().ToLowerInvariant().Split('-', '_');
        var language = parts[0].Length is >= 2 and <= 3 && parts[0].All(char.IsAsciiLetterLower) ? parts[0] : "en";
        if (language != "zh")
        {
            return language;
        }
        return parts.Skip(1).Any(part => part is "tw" or "hk" or "mo" or "hant") ? "zh-tw" : "zh-cn";
    }
}
