using System.Globalization;
using System.Text.RegularExpressions;
using Gazette.Media.Contracts;

namespace Gazette.Export;

/// <summary>
/// Where each library image sits in WordPress's <c>uploads</c> layout, as
/// <c>_wp_attached_file</c> names it: the year and month of its upload in the
/// site's time zone, then its original name made a file name as WordPress makes
/// one (letters, digits, dots, dashes and underscores) with the stored file's
/// extension, numbered <c>-1</c>, <c>-2</c>... when that month already has the
/// name, as WordPress numbers a second upload of it.
/// </summary>
public sealed partial class UploadsLayout(Func<DateTimeOffset, DateTimeOffset> local)
{
    private const string Unnamed = "image";
    private readonly HashSet<string> _taken = new(StringComparer.OrdinalIgnoreCase);

    public string PathOf(ExportedImage image)
    {
        var month = local(image.UploadedAt).ToString("yyyy'/'MM", CultureInfo.InvariantCulture);
        var stem = FileStem(image.OriginalName);
        var path = $"{month}/{stem}.{image.Extension}";
        for (var number = 1; !_taken.Add(path); number++)
        {
            path = string.Create(CultureInfo.InvariantCulture, $"{month}/{stem}-{number}.{image.Extension}");
        }
        return path;
    }

    /// <summary>The original name without any folder or extension, as a file name any file system and URL takes.</summary>
    public static string FileStem(string originalName)
    {
        var name = originalName[(originalName.LastIndexOfAny(['/', '\\']) + 1)..];
        var dot = name.LastIndexOf('.');
        var stem = dot > 0 ? name[..dot] : name;
        stem = Unsafe().Replace(stem, "-").Trim('-', '.', '_');
        return stem.Length == 0 ? Unnamed : stem;
    }

    /// <summary>The attachment's <c>post_name</c>: its file stem in lower case, dashes for the rest, as WordPress slugs a title.</summary>
    public static string Slug(string originalName) => FileStem(originalName).ToLowerInvariant().Replace('.', '-').Replace('_', '-');

    [GeneratedRegex(@"[^A-Za-z0-9._-]+", RegexOptions.CultureInvariant)]
    private static partial Regex Unsafe();
}
