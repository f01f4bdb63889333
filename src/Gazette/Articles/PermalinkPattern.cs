using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Gazette.Articles.Contracts;
using Gazette.Kernel;

namespace Gazette.Articles;

/// <summary>What a path that matched a permalink pattern names: a slug, an id, or both.</summary>
public sealed record PermalinkMatch(string? Slug, long? Id);

/// <summary>
/// A permalink structure in WordPress's notation (<c>/%year%/%monthnum%/%postname%/</c>):
/// writes an article's path and reads one back. The site's current pattern may use
/// the tags Gazette can write; a retired pattern (an older setting, an imported
/// site's) may also name <c>%category%</c> or <c>%author%</c>, read as wildcards,
/// because an old link needs only the slug or id to find its article.
/// </summary>
public sealed partial class PermalinkPattern
{
    public const string DefaultText = PermalinkSettingKey.DefaultPattern;
    public const int MaxLength = 200;

    private static readonly Dictionary<string, string> Readers = new(StringComparer.Ordinal)
    {
        ["year"] = @"(?<year>\d{4})",
        ["monthnum"] = @"\d{1,2}",
        ["day"] = @"\d{1,2}",
        ["hour"] = @"\d{1,2}",
        ["minute"] = @"\d{1,2}",
        ["second"] = @"\d{1,2}",
        ["postname"] = @"(?<postname>[^/]+)",
        ["post_id"] = @"(?<post_id>\d{1,18})",
        ["category"] = @"[^?#]+?",
        ["author"] = @"[^/]+",
    };

    private static readonly HashSet<string> Writable = ["year", "monthnum", "day", "hour", "minute", "second", "postname", "post_id"];

    // After the tables above: static fields start in the order they are written.
    public static readonly PermalinkPattern Default = Parse(DefaultText);

    private readonly Regex reader;
    private readonly IReadOnlyList<string> parts;

    private PermalinkPattern(string text, IReadOnlyList<string> parts, Regex reader)
    {
        Text = text;
        this.parts = parts;
        this.reader = reader;
    }

    public string Text { get; }

    /// <summary>Why <paramref name="text"/> cannot be the site's pattern, or null when it can.</summary>
    public static string? Problem(string text)
    {
        if (text.Length is 0 or > MaxLength || !text.StartsWith('/') || !text.EndsWith('/'))
        {
            return string.Create(CultureInfo.InvariantCulture, $"A pattern starts and ends with / and has at most {MaxLength} characters, for example {DefaultText}");
        }
        var parts = Split(text);
        if (parts.FirstOrDefault(part => IsTag(part) && !Writable.Contains(part[1..^1])) is { } unknown)
        {
            return $"Gazette cannot write {unknown} in a link. Use %year%, %monthnum%, %day%, %hour%, %minute%, %second%, %postname% and %post_id%.";
        }
        if (!parts.Any(part => part is "%postname%" or "%post_id%"))
        {
            return "A pattern must name the article: include %postname% or %post_id%.";
        }
        if (parts.Any(part => !IsTag(part) && !LiteralText().IsMatch(part)))
        {
            return "Between the tags, use only lowercase letters, digits, - _ . and /.";
        }
        if (text.Contains("//", StringComparison.Ordinal))
        {
            return "A pattern cannot have an empty segment (//).";
        }
        var first = text.Split('/', StringSplitOptions.RemoveEmptyEntries)[0];
        return !first.Contains('%', StringComparison.Ordinal) && ReservedWords.IsReserved(Normalized.Slug(first))
            ? $"/{first}/ belongs to the platform; start the pattern with something else."
            : null;
    }

    /// <summary>The site's pattern; throws for one <see cref="Problem"/> refuses.</summary>
    public static PermalinkPattern Parse(string text) =>
        Problem(text) is { } problem ? throw new FormatException(problem) : Build(text);

    /// <summary>
    /// An old pattern to read links by: any tags, WordPress's own included; null
    /// when it names no article (no %postname% or %post_id%).
    /// </summary>
    public static PermalinkPattern? Retired(string text)
    {
        var trimmed = text.Trim();
        return trimmed.StartsWith('/') && trimmed.Length <= MaxLength && (trimmed.Contains("%postname%", StringComparison.Ordinal) || trimmed.Contains("%post_id%", StringComparison.Ordinal))
            ? Build(trimmed)
            : null;
    }

    /// <summary>The path of an article published at <paramref name="localTime"/> (the site's time zone, as WordPress dates its links).</summary>
    public string Format(long id, string slug, DateTimeOffset localTime)
    {
        var path = new StringBuilder();
        foreach (var part in parts)
        {
            path.Append(part switch
            {
                "%year%" => localTime.Year.ToString("D4", CultureInfo.InvariantCulture),
                "%monthnum%" => localTime.Month.ToString("D2", CultureInfo.InvariantCulture),
                "%day%" => localTime.Day.ToString("D2", CultureInfo.InvariantCulture),
                "%hour%" => localTime.Hour.ToString("D2", CultureInfo.InvariantCulture),
                "%minute%" => localTime.Minute.ToString("D2", CultureInfo.InvariantCulture),
                "%second%" => localTime.Second.ToString("D2", CultureInfo.InvariantCulture),
                "%postname%" => slug,
                "%post_id%" => id.ToString(CultureInfo.InvariantCulture),
                _ => part,
            });
        }
        return path.ToString();
    }

    /// <summary>What <paramref name="path"/> names, if it has this pattern's shape (case and a missing final slash forgiven).</summary>
    public PermalinkMatch? Match(string path)
    {
        var match = reader.Match(path);
        if (!match.Success)
        {
            return null;
        }
        var slug = match.Groups["postname"] is { Success: true } name ? name.Value : null;
        long? id = match.Groups["post_id"] is { Success: true } number && long.TryParse(number.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
        return new PermalinkMatch(slug, id);
    }

    private static PermalinkPattern Build(string text)
    {
        var parts = Split(text);
        var expression = new StringBuilder("^");
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            var tag = IsTag(part) ? part[1..^1] : null;
            // A tag read twice (/%year%/%year%/) may capture only once; the second is read but not named.
            expression.Append(tag is null ? Regex.Escape(part)
                : Readers.TryGetValue(tag, out var tagReader) ? (named.Add(tag) ? tagReader : GroupName().Replace(tagReader, "(?:"))
                : "[^/]+");
        }
        var pattern = expression.ToString().TrimEnd('/');
        return new PermalinkPattern(text, parts, new Regex(pattern + "/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)));
    }

    /// <summary>Tags and the text between them: "/news/%postname%/" is "/news/", "%postname%", "/".</summary>
    private static List<string> Split(string text) =>
        [.. TagOrText().Matches(text).Select(match => match.Value)];

    private static bool IsTag(string part) => part.Length > 2 && part[0] == '%' && part[^1] == '%';

    [GeneratedRegex(@"%[a-z_]+%|[^%]+|%", RegexOptions.CultureInvariant)]
    private static partial Regex TagOrText();

    [GeneratedRegex(@"^[a-z0-9\-_./]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LiteralText();

    [GeneratedRegex(@"\(\?<[a-z_]+>", RegexOptions.CultureInvariant)]
    private static partial Regex GroupName();
}
