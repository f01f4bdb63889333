using System.Globalization;
using Gazette.Settings.Contracts;

namespace Gazette.Comments;

/// <summary>WordPress's discussion settings as the settings page edits them (the keys <see cref="DiscussionOptions"/> binds).</summary>
public static class DiscussionSettings
{
    private const string Group = "Discussion";

    private static readonly DiscussionOptions Defaults = new();

    public static readonly IReadOnlyList<EditableSetting> All =
    [
        Switch(nameof(DiscussionOptions.ClosedEverywhere), "Close every comment form", Defaults.ClosedEverywhere, "For a storm or an election night: readers still read comments but cannot add any."),
        Number(nameof(DiscussionOptions.CloseAfterDays), "Close comments after (days)", Defaults.CloseAfterDays, 0, 3650, "0 keeps them open."),
        Switch(nameof(DiscussionOptions.RequirePriorApproval), "Hold comments from first-time commenters", Defaults.RequirePriorApproval, "A commenter needs one approved comment before the next appear at once."),
        Number(nameof(DiscussionOptions.HoldLinkCount), "Hold a comment with this many links", Defaults.HoldLinkCount, 1, 100),
        Lines(nameof(DiscussionOptions.ModerationKeys), "Hold comments containing"),
        Lines(nameof(DiscussionOptions.DisallowedKeys), "Mark as spam comments containing"),
        Number(nameof(DiscussionOptions.FloodSeconds), "Seconds between comments from one person", Defaults.FloodSeconds, 0, 3600, "0 turns flood control off."),
        Number(nameof(DiscussionOptions.MinFillSeconds), "Hold comments sent sooner than (seconds)", Defaults.MinFillSeconds, 0, 600, "Bots fill forms at once; 0 turns the check off."),
        Number(nameof(DiscussionOptions.ThreadDepth), "Reply depth", Defaults.ThreadDepth, 1, 10, "1 allows no replies."),
        Number(nameof(DiscussionOptions.ThreadsPerPage), "Threads per comment page", Defaults.ThreadsPerPage, 1, 500),
        Switch(nameof(DiscussionOptions.OldestFirst), "Oldest comments first", Defaults.OldestFirst),
        Number(nameof(DiscussionOptions.MaxCommentLength), "Longest comment (characters)", Defaults.MaxCommentLength, 100, 100_000),
        Number(nameof(DiscussionOptions.ReportThreshold), "Reader reports that send a comment back to moderation", Defaults.ReportThreshold, 1, 100),
        Number(nameof(DiscussionOptions.RetentionDays), "Keep commenters' IP addresses for (days)", Defaults.RetentionDays, 1, 3650, "Then they are erased; the privacy policy states this period."),
    ];

    private static EditableSetting Switch(string name, string label, bool value, string hint = "") =>
        new($"{DiscussionOptions.Section}:{name}", Group, label, SettingKind.Switch, value ? "true" : "false", hint);

    private static EditableSetting Number(string name, string label, int value, int min, int max, string hint = "") =>
        new($"{DiscussionOptions.Section}:{name}", Group, label, SettingKind.Number, value.ToString(CultureInfo.InvariantCulture), hint, min, max);

    private static EditableSetting Lines(string name, string label) =>
        new($"{DiscussionOptions.Section}:{name}", Group, label, SettingKind.Lines, "", "One word, email, IP address, range (CIDR) or browser name per line.");
}
