using Gazette.Kernel;

namespace Gazette.Articles;

/// <summary>An article's live coverage: live from <see cref="StartedAt"/> until an editor ends it (decision 148).</summary>
public sealed record LiveBlog
{
    public long ArticleId { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }

    public bool IsLive => EndedAt is null;
}

/// <summary>One timestamped entry of a live blog as stored; its body rendered and sanitized when it was saved.</summary>
public sealed record LiveEntry
{
    public long Id { get; init; }
    public long ArticleId { get; init; }
    public string Headline { get; init; } = "";
    public string BodyMarkdown { get; init; } = "";
    public string BodyHtml { get; init; } = "";
    public bool KeyEvent { get; init; }
    public DateTimeOffset PostedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long? AuthorId { get; init; }
    public string AuthorName { get; init; } = "";

    /// <summary>The fragment that names it on the article's page: <c>entry-N</c>.</summary>
    public string Anchor => LiveEntryInput.Anchor(Id);
}

/// <summary>What the newsroom's entry form sends.</summary>
public sealed record LiveEntryInput(string? Headline, string? BodyMarkdown, bool KeyEvent)
{
    public const int MaxHeadlineLength = 200;

    public const int MaxBodyLength = 20_000;

    public static string Anchor(long id) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"entry-{id}");

    /// <summary>The headline as stored: one line, trimmed, without control or bidirectional characters.</summary>
    public string CleanHeadline => string.Join(' ', new string([.. (Headline ?? "").Where(c => !UnicodeControls.IsForbiddenInText(c) && !UnicodeControls.IsBidiControl(c))])
        .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public string Body => (BodyMarkdown ?? "").Trim();

    /// <summary>The errors by field: an entry says something, within the limits.</summary>
    public IReadOnlyDictionary<string, string> Check()
    {
        var errors = new Dictionary<string, string>();
        if (CleanHeadline.Length > MaxHeadlineLength)
        {
            errors[LiveFields.Headline] = $"A headline is at most {MaxHeadlineLength} characters; this one has {CleanHeadline.Length}.";
        }
        if (Body.Length == 0)
        {
            errors[LiveFields.Body] = "Write the entry: readers see its text under its time.";
        }
        else if (Body.Length > MaxBodyLength)
        {
            errors[LiveFields.Body] = $"An entry is at most {MaxBodyLength:N0} characters; this one has {Body.Length:N0}. Split it in two.";
        }
        return errors;
    }
}

/// <summary>The entry form's field names, which its errors are keyed by.</summary>
public static class LiveFields
{
    public const string Headline = "Headline";
    public const string Body = "BodyMarkdown";
    public const string KeyEvent = "KeyEvent";
}
