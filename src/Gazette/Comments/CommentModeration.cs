using System.Globalization;
using System.Net;
using Gazette.Comments.Contracts;

namespace Gazette.Comments;

/// <summary>Everything moderation looks at, gathered before the decision.</summary>
public sealed record CommentFacts(
    string Author,
    string Email,
    string Url,
    string Text,
    string? Ip,
    string? UserAgent,
    bool HoneypotFilled,
    FillTime FillTime,
    bool ArticlePremoderated,
    bool AuthorHasApprovedComment);

/// <summary>
/// The rules' decision: a status, the rule that decided it (null when the
/// comment passed every rule) and what the rule matched, a list entry or a
/// number, which moderators see and logs never do.
/// </summary>
public sealed record ModerationDecision(string Status, string? Rule, string? Match = null)
{
    /// <summary>For the log: names the rule, never the matched entry (which may be the commenter's email).</summary>
    public string Reason => Rule is null ? "passed every rule" : ModerationRule.Describe(Rule, null);
}

/// <summary>
/// WordPress's discussion rules, in its order: spam first (honeypot, disallowed
/// keys), then everything that holds a comment for a moderator, else approval.
/// </summary>
public static class CommentModeration
{
    /// <param name="blockedKeys">The disallowed entries moderators added ("block this commenter"), beside the configured ones.</param>
    public static ModerationDecision Decide(CommentFacts facts, DiscussionOptions options, IReadOnlyList<string>? blockedKeys = null)
    {
        if (facts.HoneypotFilled)
        {
            return new(CommentStatus.Spam, ModerationRule.Honeypot);
        }
        if (FirstMatch(options.DisallowedKeys.Concat(blockedKeys ?? []), facts) is { } disallowed)
        {
            return new(CommentStatus.Spam, ModerationRule.DisallowedList, disallowed);
        }
        if (facts.ArticlePremoderated)
        {
            return new(CommentStatus.Pending, ModerationRule.PremoderatedArticle);
        }
        if (FirstMatch(options.ModerationKeys, facts) is { } held)
        {
            return new(CommentStatus.Pending, ModerationRule.ModerationList, held);
        }
        var links = CommentText.CountLinks(facts.Text);
        if (options.HoldLinkCount > 0 && links >= options.HoldLinkCount)
        {
            return new(CommentStatus.Pending, ModerationRule.Links, links.ToString(CultureInfo.InvariantCulture));
        }
        if (facts.FillTime.IsTooFast(options.MinFillSeconds))
        {
            return new(CommentStatus.Pending, ModerationRule.TooFast);
        }
        if (options.RequirePriorApproval && !facts.AuthorHasApprovedComment)
        {
            return new(CommentStatus.Pending, ModerationRule.FirstComment);
        }
        return new(CommentStatus.Approved, null);
    }

    /// <summary>
    /// WordPress's "comment keys": each line a word, email, IP, IP range (CIDR here)
    /// or user agent, matched without case inside name, email, URL, text, IP and user agent.
    /// </summary>
    public static string? FirstMatch(IEnumerable<string> keys, CommentFacts facts)
    {
        var ip = IPAddress.TryParse(facts.Ip, out var parsed) ? parsed : null;
        foreach (var raw in keys)
        {
            var key = raw.Trim();
            if (key.Length == 0)
            {
                continue;
            }
            if (key.Contains('/', StringComparison.Ordinal) && IPNetwork.TryParse(key, out var network))
            {
                if (ip is not null && network.Contains(ip))
                {
                    return key;
                }
                continue;
            }
            if (Contains(facts.Author, key) || Contains(facts.Email, key) || Contains(facts.Url, key) || Contains(facts.Text, key)
                || Contains(facts.Ip, key) || Contains(facts.UserAgent, key))
            {
                return key;
            }
        }
        return null;
    }

    private static bool Contains(string? field, string key) =>
        field is not null && field.Contains(key, StringComparison.OrdinalIgnoreCase);
}
