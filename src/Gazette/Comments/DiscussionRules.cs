using Gazette.Articles.Contracts;

namespace Gazette.Comments;

public static class DiscussionRules
{
    /// <summary>Open unless the article, the site-wide switch, or the article's age closes it.</summary>
    public static bool IsOpen(DiscussedArticle article, DiscussionOptions options, DateTimeOffset now) =>
        article.CommentsOpen
        && !options.ClosedEverywhere
        && (options.CloseAfterDays <= 0 || now < article.PublishedAt.AddDays(options.CloseAfterDays));

    /// <summary>Two letters for the avatar, drawn from the name alone (never the email, not even hashed).</summary>
    public static string Initials(string name)
    {
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(part => char.IsLetterOrDigit(part[0])).ToList();
        return parts.Count switch
        {
            0 => "?",
            1 => char.ToUpperInvariant(parts[0][0]).ToString(),
            _ => string.Concat(char.ToUpperInvariant(parts[0][0]), char.ToUpperInvariant(parts[^1][0])),
        };
    }

    /// <summary>One of eight avatar colours, stable for a name.</summary>
    public static int AvatarHue(string name) =>
        (int)(System.IO.Hashing.XxHash32.HashToUInt32(System.Text.Encoding.UTF8.GetBytes(name)) % 8);
}
