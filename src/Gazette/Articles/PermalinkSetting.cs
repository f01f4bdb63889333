using Gazette.Articles.Contracts;
using Gazette.Settings.Contracts;

namespace Gazette.Articles;

/// <summary>The permalink pattern as the settings page edits it; the patterns it replaces are kept, so old links still find their articles.</summary>
public static class PermalinkSetting
{
    public const string Key = PermalinkSettingKey.Key;

    public static readonly EditableSetting Editable = new(Key, "Site", "Permalink pattern", SettingKind.Text, PermalinkPattern.DefaultText,
        "How article links are made, in WordPress's tags: /%year%/%monthnum%/%postname%/, /%year%/%monthnum%/%day%/%postname%/, /%postname%/ or /news/%post_id%/. Links in an earlier pattern keep working (301).")
    {
        Check = PermalinkPattern.Problem,
        HistoryKey = "Gazette:Site:RetiredPermalinks",
    };
}
