using System.Globalization;
using System.IO.Hashing;
using System.Text.Json;
using Gazette.Caching;
using Gazette.Rendering;
using Gazette.Storage;
using Microsoft.Extensions.Options;

namespace Gazette.Articles;

/// <summary>What the article page needs of its live blog: none (an ordinary article), the view, or a page of entries that does not exist.</summary>
public sealed record LiveSlot(LiveView? View, bool PageExists, DateTimeOffset? LastChange, IReadOnlyList<LiveEntry> Entries);

/// <summary>
/// A live blog's entries under its article (newest <see cref="PageSize"/>, older pages by
/// <c>?entries_before=ID</c>) and its live endpoint, <c>{article}live.json</c>: the newest
/// <see cref="PollSize"/> entries as JSON for the page's script, cached like the page and
/// evicted with it by each entry (decision 149).
/// </summary>
public sealed class LiveBlogPages(Database database, SiteTime time, IOptionsMonitor<LiveBlogOptions> options)
{
    public const string BeforeKey = "entries_before";

    public const string EndpointName = "live.json";

    public const int PageSize = 50;

    public const int PollSize = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Endpoint(string articlePath) => articlePath + EndpointName;

    public async Task<LiveSlot> FillAsync(Article article, string articlePath, HttpRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var blog = await LiveEntries.FindBlogAsync(connection, null, article.Id, cancellationToken);
        long? before = null;
        if (request.Query.TryGetValue(BeforeKey, out var asked))
        {
            if (blog is null || !long.TryParse(asked, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                || await LiveEntries.FindAsync(connection, null, article.Id, id, cancellationToken) is null)
            {
                return new LiveSlot(null, false, null, []);
            }
            before = id;
        }
        if (blog is null)
        {
            return new LiveSlot(null, true, null, []);
        }
        var entries = await LiveEntries.ListAsync(connection, article.Id, before, PageSize + 1, cancellationToken);
        var shown = entries.Take(PageSize).ToList();
        var lastChange = before is null && shown.Count > 0 ? shown.Max(entry => entry.UpdatedAt) : (DateTimeOffset?)null;
        var view = new LiveView(
            blog.IsLive,
            time.View(blog.StartedAt),
            blog.EndedAt is { } ended ? time.View(ended) : null,
            [.. shown.Select(entry => Entry(entry, articlePath))],
            entries.Count > PageSize ? string.Create(CultureInfo.InvariantCulture, $"{articlePath}?{BeforeKey}={shown[^1].Id}#live") : null,
            before is null ? null : articlePath + "#live",
            before is null && blog.IsLive ? Endpoint(articlePath) : null,
            Math.Max(1, options.CurrentValue.PollSeconds));
        return new LiveSlot(view, true, lastChange, shown);
    }

    /// <summary>The live endpoint's answer: 404 for an article that is no live blog; tagged as the article's page is, so an entry evicts both.</summary>
    public async Task<IResult> JsonAsync(Article article, string articlePath, HttpContext context, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await LiveEntries.FindBlogAsync(connection, null, article.Id, cancellationToken) is not { } blog)
        {
            return Results.NotFound();
        }
        var entries = await LiveEntries.ListAsync(connection, article.Id, null, PollSize, cancellationToken);
        PageCache.Tag(context, ArticleCacheTags.Article(article.Id));
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            live = blog.IsLive,
            entries = entries.Select(entry => Entry(entry, articlePath)).Select(entry => new
            {
                id = entry.Id,
                anchor = entry.Anchor,
                url = entry.Url,
                headline = entry.Headline,
                html = entry.Body.Html,
                iso = entry.Posted.Iso,
                date = entry.Posted.Display,
                clock = entry.Clock,
                author = entry.Author,
                keyEvent = entry.KeyEvent,
            }),
        }, Json);
        return new LiveJson(body);
    }

    private LiveEntryView Entry(LiveEntry entry, string articlePath) => new(
        entry.Id,
        entry.Anchor,
        articlePath + "#" + entry.Anchor,
        entry.Headline,
        SafeHtml.FromStoredSanitized(entry.BodyHtml),
        time.View(entry.PostedAt),
        time.Local(entry.PostedAt).ToString("HH:mm", CultureInfo.InvariantCulture),
        entry.AuthorName,
        entry.KeyEvent);

    /// <summary>
    /// The endpoint's bytes with a strong ETag; browsers revalidate every time (<c>no-cache</c>), so a poll
    /// costs a 304 when nothing changed, while the output cache answers every reader from one copy.
    /// </summary>
    private sealed class LiveJson(byte[] body) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var etag = $"\"{Convert.ToHexStringLower(XxHash128.Hash(body))}\"";
            var response = httpContext.Response;
            response.Headers.CacheControl = "public, no-cache";
            response.Headers.ETag = etag;
            if (httpContext.Request.Headers.IfNoneMatch.Contains(etag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body);
        }
    }
}
