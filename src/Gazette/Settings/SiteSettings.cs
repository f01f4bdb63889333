using System.Globalization;
using Gazette.Rendering;
using Gazette.Settings.Contracts;

namespace Gazette.Settings;

/// <summary>The site's own editable settings (what <see cref="SiteOptions"/> binds).</summary>
public static class SiteSettings
{
    private static readonly SiteOptions Defaults = new();

    public static readonly IReadOnlyList<EditableSetting> All =
    [
        new("Gazette:Site:Title", "Site", "Site title", SettingKind.Text, Defaults.Title, "Shown in the masthead, page titles and feeds."),
        new("Gazette:Site:Tagline", "Site", "Tagline", SettingKind.Text, Defaults.Tagline, "A line under the title."),
        new("Gazette:Site:PageSize", "Site", "Articles per page", SettingKind.Number, Defaults.PageSize.ToString(CultureInfo.InvariantCulture),
            "On the front page, sections, tags and archives.", 1, 100),
    ];
}
