using System.Text;
using System.Text.RegularExpressions;

namespace Gazette.Kernel;

/// <summary>
/// Logins, emails and slugs are stored in these forms so that a plain equality
/// lookup behaves the same on SQLite (case-sensitive =) and PostgreSQL.
/// </summary>
public static partial class Normalized
{
    public const int MaxSlugLength = 200;

    public static string Login(string login) => login.Trim().ToLowerInvariant();

    /// <summary>The whole address is lower-cased: no mail provider in practice treats the local part by case.</summary>
    public static string Email(string email) => email.Trim().ToLowerInvariant();

    public static bool IsSlug(string slug) => slug.Length <= MaxSlugLength && SlugPattern().IsMatch(slug);

    /// <summary>
    /// A URL slug from text in any script: transliterated to ASCII by AnyAscii
    /// (Москва to moskva, Αθήνα to athina, and each Han character to its own
    /// syllable, so 中国外交 is zhong-guo-wai-jiao rather than one long word),
    /// apostrophes dropped, everything but letters and digits to single hyphens.
    /// </summary>
    public static string Slug(string text)
    {
        var ascii = Transliterate(text.Trim()).ToLowerInvariant();
        var slug = new StringBuilder(ascii.Length);
        foreach (var c in ascii)
        {
            if (c is '\'' or '`')
            {
                continue;
            }
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var result = slug.ToString().Trim('-');
        return result.Length <= MaxSlugLength ? result : result[..MaxSlugLength].TrimEnd('-');
    }

    private static string Transliterate(string text)
    {
        var ascii = new StringBuilder(text.Length * 2);
        foreach (var rune in text.EnumerateRunes())
        {
            var latin = AnyAscii.Transliteration.Transliterate(rune.ToString());
            ascii.Append(IsHan(rune) ? $" {latin} " : latin);
        }
        return ascii.ToString();
    }

    /// <summary>Han ideographs: one syllable each, written without spaces between words.</summary>
    private static bool IsHan(Rune rune) => rune.Value is
        (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x3134F);

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
