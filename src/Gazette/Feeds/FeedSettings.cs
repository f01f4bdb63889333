using System.Globalization;
using Gazette.Settings.Contracts;

namespace Gazette.Feeds;

/// <summary>The feed settings the settings page edits (the keys <see cref="FeedOptions"/> binds).</summary>
public static class FeedSettings
{
    public const int MaxItems = 100;

    private static readonly FeedOptions Defaults = new();

    public static readonly IReadOnlyList<EditableSetting> All =
    [
        new($"{FeedOptions.Section}:{nameof(FeedOptions.SummaryOnly)}", "Feeds", "In feeds, give each article's summary only", SettingKind.Switch,
            Defaults.SummaryOnly ? "true" : "false", "Off: feeds carry the full text, as readers of a feed reader expect."),
        new($"{FeedOptions.Section}:{nameof(FeedOptions.Items)}", "Feeds", "Items in each feed", SettingKind.Number,
            Defaults.Items.ToString(CultureInfo.InvariantCulture), "The newest articles, or comments, a feed lists.", 1, MaxItems),
    ];
}
