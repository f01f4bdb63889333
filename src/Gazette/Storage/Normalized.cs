using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Gazette.Storage;

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

    /// <summary>A URL slug from any text: accents folded to ASCII, everything else to single hyphens.</summary>
    public static string Slug(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var slug = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '\u2019')
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

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
