using System.Globalization;

namespace Gazette.Comments;

/// <summary>
/// The rules that hold a comment or call it spam, as stored with the comment
/// (<c>comments.moderation_rule</c>), and how a moderator reads them.
/// </summary>
public static class ModerationRule
{
    public const string Honeypot = "honeypot";
    public const string DisallowedList = "disallowed_list";
    public const string PremoderatedArticle = "premoderated_article";
    public const string ModerationList = "moderation_list";
    public const string Links = "links";
    public const string TooFast = "too_fast";
    public const string FirstComment = "first_comment";
    public const string Reports = "reports";

    /// <summary>A sentence for the moderator; without <paramref name="match"/> it names the rule alone.</summary>
    public static string Describe(string rule, string? match) => rule switch
    {
        Honeypot => "the hidden field was filled in",
        DisallowedList => match is null ? "matches the disallowed list" : $"matches the disallowed list entry “{match}”",
        PremoderatedArticle => "this article holds every comment",
        ModerationList => match is null ? "matches the moderation list" : $"matches the moderation list entry “{match}”",
        Links => match is null ? "has too many links" : $"has {match} links",
        TooFast => "was written faster than a person types",
        FirstComment => "the author has no approved comment yet",
        Reports => match is null ? "reported by readers" : $"reported by {match} readers",
        _ => string.Create(CultureInfo.InvariantCulture, $"rule {rule}"),
    };
}
