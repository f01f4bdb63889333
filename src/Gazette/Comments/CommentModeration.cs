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

public sealed record ModerationDecision(string Status, string Reason);

/// <summary>
/// WordPress's discussion rules, in its order: spam first (honeypot, disallowed
/// keys), then everything that holds a comment for a moderator, else approval.
/// </summary>
public static class CommentModeration
{
    public static ModerationDecision Decide(CommentFacts facts, DiscussionOptions options)
    {
        if (facts.HoneypotFilled)
        {
            return new(CommentStatus.Spam, "the hidden field was filled in");
        }
        // Reasons are logged: they name the rule, never the matched key (which may be the commenter's email).
        if (FirstMatch(options.DisallowedKeys, facts) is not null)
        {
            return new(CommentStatus.Spam, "matches the disallowed list");
        }
        if (facts.ArticlePremoderated)
        {
            return new(CommentStatus.Pending, "this article holds every comment");
        }
        if (FirstMatch(options.ModerationKeys, facts) is not null)
        {
            return new(CommentStatus.Pending, "matches the moderation list");
        }
        var links = CommentText.CountLinks(facts.Text);
        if (options.HoldLinkCount > 0 && links >= options.HoldLinkCount)
        {
            return new(CommentStatus.Pending, $"has {links} links");
        }
        if (facts.FillTime.IsTooFast(options.MinFillSeconds))
        {
            return new(CommentStatus.Pending, "was written faster than a person types");
        }
        if (options.RequirePriorApproval && !facts.AuthorHasApprovedComment)
        {
            return new(CommentStatus.Pending, "the author has no approved comment yet");
        }
        return new(CommentStatus.Approved, "passed every rule");
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
