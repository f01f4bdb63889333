using System.Globalization;
using Gazette.Web.Admin;

namespace Gazette.Articles.Admin;

/// <summary>The editor's form as posted: sections and tags as comma-separated text, the schedule time as a <c>datetime-local</c> value in the site's time zone.</summary>
public sealed class ArticleForm
{
    /// <summary>"page" or "article", posted by a new page's form.</summary>
    public string? Kind { get; set; }

    public string? Title { get; set; }
    public string? Slug { get; set; }
    public string? Summary { get; set; }
    public string? BodyMarkdown { get; set; }
    public string? Sections { get; set; }
    public string? Tags { get; set; }
    public string? CommentStatus { get; set; }
    public string? ScheduleAt { get; set; }

    /// <summary>A published article's save: "minor", "update" or "correction" (<see cref="NoticeKind"/>).</summary>
    public string? Notice { get; set; }

    public string? NoticeNote { get; set; }

    /// <summary>The featured image's number in the media library, as typed.</summary>
    public string? FeaturedMediaId { get; set; }

    /// <summary>A page's parent page's number, as chosen; empty: the site's root.</summary>
    public string? ParentId { get; set; }

    public string? Dateline { get; set; }

    /// <summary>Posted with the byline fields, which only editors are shown: without it (an author's form) the bylines stay as they are.</summary>
    public bool BylinesShown { get; set; }

    public List<BylineRow> Bylines { get; set; } = [];

    public ArticleInput ToInput() => new()
    {
        Kind = Kind == ArticleKind.Page ? ArticleKind.Page : ArticleKind.Article,
        Title = Title ?? "",
        Slug = string.IsNullOrWhiteSpace(Slug) ? null : Slug,
        Summary = Summary,
        BodyMarkdown = (BodyMarkdown ?? "").ReplaceLineEndings("\n"),
        Sections = Names(Sections),
        Tags = Names(Tags),
        CommentStatus = CommentStatus ?? DiscussionStatus.Open,
        FeaturedMediaId = MediaNumber(),
        ParentId = long.TryParse(ParentId, NumberStyles.None, CultureInfo.InvariantCulture, out var parent) ? parent : null,
        Notice = string.IsNullOrEmpty(Notice) ? NoticeKind.Minor : Notice,
        NoticeNote = NoticeNote,
        Bylines = BylinesShown
            ? [.. Bylines.Select((row, index) => (row, index)).Where(entry => !entry.row.IsBlank).OrderBy(entry => entry.row.Place(entry.index)).Select(entry => entry.row.ToByline())]
            : null,

        // An empty field posts nothing, so an article's empty dateline is a removed one; a page's form has none, which keeps it.
        Dateline = Kind == ArticleKind.Page ? null : Dateline ?? "",
    };

    /// <summary>The typed image number; one that is not a number becomes 0, which no image has, so the editor refuses it by its field.</summary>
    private long? MediaNumber() =>
        string.IsNullOrWhiteSpace(FeaturedMediaId) ? null
        : long.TryParse(FeaturedMediaId.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id
        : 0;

    /// <summary>The schedule time; null when empty or not a date and time.</summary>
    public DateTimeOffset? ScheduleTime(NewsroomTime time) => time.Parse(ScheduleAt);

    public static ArticleForm Of(ArticleInput input, NewsroomTime time, DateTimeOffset? scheduledAt = null) => new()
    {
        Kind = input.Kind,
        Title = input.Title,
        Slug = input.Slug,
        Summary = input.Summary,
        BodyMarkdown = input.BodyMarkdown,
        Sections = string.Join(", ", input.Sections),
        Tags = string.Join(", ", input.Tags),
        CommentStatus = input.CommentStatus,
        FeaturedMediaId = input.FeaturedMediaId?.ToString(CultureInfo.InvariantCulture),
        ParentId = input.ParentId?.ToString(CultureInfo.InvariantCulture),
        ScheduleAt = scheduledAt is { } at ? time.Field(at) : null,
        Notice = input.Notice,
        NoticeNote = input.NoticeNote,
        Dateline = input.Dateline,
        BylinesShown = input.Bylines is not null,
        Bylines = [.. (input.Bylines ?? []).Select(BylineRow.Of)],
    };

    private static List<string> Names(string? text) =>
        [.. (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase)];
}
