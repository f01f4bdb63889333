using System.Globalization;
using Gazette.Rendering;
using Gazette.Settings.Contracts;

namespace Gazette.Settings;

/// <summary>The site's own editable settings (what <see cref="SiteOptions"/> binds).</summary>
public static partial class SiteSettings
{
    private static readonly SiteOptions Defaults = new();

    public static readonly IReadOnlyList<EditableSetting> All =
    [
        new("Gazette:Site:Title", "Site", "Site title", SettingKind.Text, Defaults.Title, "Shown in the masthead, page titles and feeds."),
        new("Gazette:Site:Tagline", "Site", "Tagline", SettingKind.Text, Defaults.Tagline, "A line under the title."),
        new("Gazette:Site:PageSize", "Site", "Articles per page", SettingKind.Number, Defaults.PageSize.ToString(CultureInfo.InvariantCulture),
            "On the front page, sections, tags and archives.", 1, 100),
        new("Gazette:Site:TimeZone", "Site", "Time zone", SettingKind.Text, Defaults.TimeZone,
            "An IANA name such as Europe/London, America/New_York or Asia/Shanghai. Readers see dates in it; the newsroom enters and reads times in it.")
        {
            Check = name => SiteTime.Find(name) is null ? $"No time zone is called {name}. Use an IANA name such as Europe/London or UTC." : null,
        },
        new("Gazette:Site:Language", "Site", "Language", SettingKind.Text, Defaults.Language,
            "The language the site is written in, as a tag such as en, en-GB, fr or pt-BR. Browsers, screen readers and search engines read it.")
        {
            Check = tag => LanguageTag().IsMatch(tag) ? null : $"{tag} is not a language tag. Use one such as en, en-GB, fr or pt-BR.",
        },
    ];

    [System.Text.RegularExpressions.GeneratedRegex("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")]
    private static partial System.Text.RegularExpressions.Regex LanguageTag();
}
