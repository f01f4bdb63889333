using Gazette.Settings.Contracts;

namespace Gazette.Comments;

/// <summary>
/// The disallowed entries moderators add with "block this commenter", kept as
/// the site setting <see cref="SettingKey"/>, one entry a line (WordPress's
/// <c>disallowed_keys</c>). They apply beside the configured
/// <see cref="DiscussionOptions.DisallowedKeys"/>: configuration cannot be
/// edited from the admin, but a block must take effect everywhere at once, so
/// the setting is read for every comment rather than cached per node.
/// </summary>
public static class BlockedCommenters
{
    public const string SettingKey = "discussion.disallowed_keys";

    public static async Task<IReadOnlyList<string>> ReadAsync(ISettings settings, CancellationToken cancellationToken = default) =>
        ((await settings.GetAsync(SettingKey, cancellationToken)) ?? "")
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
