using Dapper;
using Gazette.Events;
using Gazette.Kernel;
using Gazette.Storage;
using Gazette.Web;

namespace Gazette.Articles;

/// <summary>A banner as stored; it shows while it is not ended and <see cref="ExpiresAt"/> (if any) is still ahead.</summary>
public sealed record BreakingNewsItem
{
    public long Id { get; init; }
    public required string Text { get; init; }
    public required string Url { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public bool ShowsAt(DateTimeOffset now) => ExpiresAt is not { } expires || now < expires;
}

/// <summary>What an editor typed: the banner's words, where it leads (optional) and when it goes (optional, in the site's zone).</summary>
public sealed record BreakingNewsInput(string Text, string Url, string Expires);

/// <summary>A banner was put up or taken down: every node reads the current one again.</summary>
public sealed record BreakingNewsChanged(long Id);

/// <summary>
/// The breaking-news banner: one at a time, put up by an editor with an optional
/// link and expiry, taken down by hand or by its expiry, which needs nothing to
/// happen (every node compares the time as it joins the banner to a page).
/// </summary>
public sealed class BreakingNewsDesk(Database database, UnitsOfWork units, TimeProvider time)
{
    public const int MaxText = 200;
    public const int MaxUrl = 500;

    public static class Fields
    {
        public const string Text = "text";
        public const string Url = "url";
        public const string Expires = "expires";
    }

    /// <summary>The newest banner not taken down, expired or not (the newsroom shows that it expired); null when none.</summary>
    public async Task<BreakingNewsItem?> LatestAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QueryFirstOrDefaultAsync<BreakingNewsItem>(new CommandDefinition(
            "select id, text, url, expires_at, created_at from breaking_news where ended_at is null order by id desc limit 1",
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Puts up a banner in place of any other; <paramref name="expires"/> is the
    /// parsed expiry field (null when empty or unreadable: <paramref name="input"/>
    /// says which). Errors by field; nothing changes when there are any.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> PutUpAsync(NewsroomUser actor, BreakingNewsInput input, DateTimeOffset? expires, CancellationToken cancellationToken = default)
    {
        Authorize(actor);
        var text = UnicodeControls.WithoutBidiControls(input.Text.ReplaceLineEndings(" ").Trim());
        var url = input.Url.Trim();
        var errors = Validate(text, url, input.Expires.Trim(), expires, time.GetUtcNow());
        if (errors.Count > 0)
        {
            return errors;
        }
        await using var work = await units.BeginAsync(cancellationToken);
        var now = time.GetUtcNow();
        await EndAllAsync(work, actor, now, cancellationToken);
        var id = await work.Connection.ExecuteScalarAsync<long>(work.Command(
            "insert into breaking_news (text, url, expires_at, created_by, created_at) values (@text, @url, @expires, @by, @now) returning id",
            new { text, url, expires, by = actor.Id, now }, cancellationToken));
        await work.RaiseAsync(new BreakingNewsChanged(id), cancellationToken);
        await work.AuditAsync(new AuditActor(actor.Id, actor.Name), "breaking.put-up", "breaking-news", id.ToString(System.Globalization.CultureInfo.InvariantCulture), text, cancellationToken);
        await work.CommitAsync(cancellationToken);
        return errors;
    }

    /// <summary>Takes down the banner; true when there was one to take down.</summary>
    public async Task<bool> TakeDownAsync(NewsroomUser actor, CancellationToken cancellationToken = default)
    {
        Authorize(actor);
        await using var work = await units.BeginAsync(cancellationToken);
        var ended = await EndAllAsync(work, actor, time.GetUtcNow(), cancellationToken);
        if (ended.Count == 0)
        {
            return false;
        }
        await work.RaiseAsync(new BreakingNewsChanged(ended.Max()), cancellationToken);
        await work.AuditAsync(new AuditActor(actor.Id, actor.Name), "breaking.taken-down", "breaking-news", ended.Max().ToString(System.Globalization.CultureInfo.InvariantCulture), "", cancellationToken);
        await work.CommitAsync(cancellationToken);
        return true;
    }

    public static Dictionary<string, string> Validate(string text, string url, string typedExpiry, DateTimeOffset? expires, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (text.Length == 0)
        {
            errors[Fields.Text] = "Enter the banner's words.";
        }
        else if (text.Length > MaxText)
        {
            errors[Fields.Text] = $"Keep it to {MaxText} characters: it is {text.Length}.";
        }
        else if (text.Any(UnicodeControls.IsForbiddenInText))
        {
            errors[Fields.Text] = "The text contains a control character (such as NUL) that cannot be shown.";
        }
        if (url.Length > MaxUrl)
        {
            errors[Fields.Url] = $"Keep the link to {MaxUrl} characters.";
        }
        else if (url.Length > 0 && !IsLink(url))
        {
            errors[Fields.Url] = "Enter an address on this site (/2026/12/story/) or a full http:// or https:// address.";
        }
        if (typedExpiry.Length > 0 && expires is null)
        {
            errors[Fields.Expires] = "Enter a date and time, such as 2026-12-06T18:30.";
        }
        else if (expires is { } at && at <= now)
        {
            errors[Fields.Expires] = "That time has passed: choose a later one, or leave it empty to keep the banner until you take it down.";
        }
        return errors;
    }

    /// <summary>A path on this site, or an absolute web address; never a scheme a browser would run (javascript:).</summary>
    private static bool IsLink(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal) && !url.Any(char.IsWhiteSpace)
        || Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" && !url.Any(char.IsWhiteSpace);

    private static async Task<List<long>> EndAllAsync(UnitOfWork work, NewsroomUser actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = (await work.Connection.QueryAsync<long>(work.Command("select id from breaking_news where ended_at is null", cancellationToken: cancellationToken))).AsList();
        if (ids.Count > 0)
        {
            await work.Connection.ExecuteAsync(work.Command(
                "update breaking_news set ended_at = @now, ended_by = @by where ended_at is null", new { now, by = actor.Id }, cancellationToken));
        }
        return ids;
    }

    private static void Authorize(NewsroomUser actor)
    {
        if (!actor.CanEditOthers)
        {
            throw new UnauthorizedAccessException("Only editors and administrators put up breaking news.");
        }
    }
}
