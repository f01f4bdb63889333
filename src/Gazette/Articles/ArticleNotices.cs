using System.Data.Common;
using Dapper;
using Gazette.Articles.Contracts;
using Gazette.Events;
using Gazette.Kernel;

namespace Gazette.Articles;

/// <summary>
/// What an edit to a published article tells readers: nothing (a minor edit),
/// an update, or a correction. Only a published article takes a notice; a
/// correction must say what was wrong. Notices are only ever added: the
/// newsroom has no way to remove one (decision 139).
/// </summary>
public static class NoticeKind
{
    public const string Minor = "minor";
    public const string Update = PublicNoticeKind.Update;
    public const string Correction = PublicNoticeKind.Correction;

    public const int MaxNoteLength = 1000;

    /// <summary>The errors, by field, for a notice of <paramref name="kind"/> with <paramref name="note"/> on an article that <paramref name="takesNotice"/> or not.</summary>
    public static void Check(string kind, string? note, bool takesNotice, Dictionary<string, string> errors)
    {
        var text = Note(note);
        if (kind is not (Minor or Update or Correction))
        {
            errors[ArticleFields.Notice] = "Choose a minor edit, an update or a correction.";
        }
        else if (kind != Minor && !takesNotice)
        {
            errors[ArticleFields.Notice] = "Only a published article carries an update or a correction.";
        }
        else if (kind == Correction && text.Length == 0)
        {
            errors[ArticleFields.NoticeNote] = "A correction says what was wrong: write the note readers will see.";
        }
        else if (kind == Minor && text.Length > 0 && takesNotice)
        {
            errors[ArticleFields.NoticeNote] = "A minor edit shows no note: choose Update or Correction to publish it, or empty the note.";
        }
        if (text.Length > MaxNoteLength)
        {
            errors[ArticleFields.NoticeNote] = $"A note is at most {MaxNoteLength} characters; this one has {text.Length}.";
        }
    }

    /// <summary>The note as stored: plain text on one paragraph, trimmed, without control or bidirectional characters.</summary>
    public static string Note(string? note) =>
        string.Join(' ', new string([.. (note ?? "").Where(c => !UnicodeControls.IsForbiddenInText(c) && !UnicodeControls.IsBidiControl(c))])
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>A notice as stored, newest first when listed.</summary>
public sealed record ArticleNotice
{
    public long ArticleId { get; init; }
    public string Kind { get; init; } = NoticeKind.Update;
    public string Note { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public long? CreatedBy { get; init; }

    public PublicNotice ToPublic() => new(Kind, Note, CreatedAt);
}

/// <summary>The article_notices table: added in the editor's unit of work, read for the article page, feeds and the API.</summary>
public static class ArticleNotices
{
    public static Task AddAsync(UnitOfWork work, ArticleNotice notice, CancellationToken cancellationToken) =>
        work.Connection.ExecuteAsync(work.Command(
            "insert into article_notices (article_id, kind, note, created_at, created_by) values (@ArticleId, @Kind, @Note, @CreatedAt, @CreatedBy)",
            notice, cancellationToken));

    public static async Task<IReadOnlyList<ArticleNotice>> ListAsync(DbConnection connection, DbTransaction? transaction, long articleId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<ArticleNotice>(new CommandDefinition(
            "select article_id, kind, note, created_at, created_by from article_notices where article_id = @articleId order by created_at desc, id desc",
            new { articleId }, transaction, cancellationToken: cancellationToken))).AsList();

    /// <summary>Each article's newest notice, for a batch (a feed, an API page).</summary>
    public static async Task<IReadOnlyDictionary<long, PublicNotice>> LatestAsync(DbConnection connection, string inList, long[] ids, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<ArticleNotice>(new CommandDefinition(
            $"select x.article_id, x.kind, x.note, x.created_at, x.created_by from article_notices x where {inList} order by x.created_at desc, x.id desc",
            new { ids }, cancellationToken: cancellationToken)))
        .GroupBy(notice => notice.ArticleId)
        .ToDictionary(group => group.Key, group => group.First().ToPublic());
}
