using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Gazette.Articles.Contracts;
using Gazette.Comments.Contracts;
using Gazette.Rendering;
using Microsoft.Extensions.Options;

namespace Gazette.Feeds;

/// <summary>The page a feed follows: its path (the feed lives beneath it), title and description.</summary>
public sealed record FeedPage(string Path, string Title, string Description);

/// <summary>
/// Builds feeds from what the public may see: articles through
/// <see cref="IPublicArticles"/> (Articles' one visibility rule), comments
/// through <see cref="IApprovedComments"/>, kept only when their article is public.
/// An item's id is the article's <c>/?p=ID</c> address, which no permalink change moves (decision 97).
/// </summary>
public sealed partial class FeedSources(IPublicArticles articles, IApprovedComments comments, IOptionsMonitor<FeedOptions> options, PageRenderer pages, SiteTime siteTime)
{
    private const int SummaryLength = 300;

    /// <summary>How many batches of comments the site's comment feed reads past comments on articles the public cannot see.</summary>
    private const int CommentRounds = 5;

    public int Limit => Math.Clamp(options.CurrentValue.Items, 1, FeedSettings.MaxItems);

    public async Task<Feed> ArticlesAsync(HttpRequest request, FeedPage page, ArticleFeedFormat format, PublicArticleFilter filter, CancellationToken cancellationToken)
    {
        var found = await articles.LatestAsync(filter with { Limit = Limit }, cancellationToken);
        var summaryOnly = options.CurrentValue.SummaryOnly;
        var items = found.Select(article => new FeedItem(
            ItemId(request, article.Id),
            pages.Absolute(request, article.Path),
            article.Title,
            Noticed(article.Summary, article.LatestNotice),
            summaryOnly ? null : LiveHtml(request, article) + NoticeHtml(article.LatestNotice) + AbsoluteLinks.In(article.BodyHtml, pages.Absolute(request, "")),
            article.PublishedAt,
            article.RevisedAt,
            [.. article.Bylines.Select(byline => byline.Name)],
            [.. article.Sections.Concat(article.Tags).Select(term => term.Name).Distinct(StringComparer.Ordinal)])).ToList();
        return Complete(request, page, format, items);
    }

    /// <summary>The article's latest correction or update, first in its item, so a reader of the feed learns of it as a reader of the page does (decision 140).</summary>
    private string NoticeHtml(PublicNotice? notice) =>
        notice is null ? "" : $"<p><strong>{notice.Label}, {WebUtility.HtmlEncode(siteTime.View(notice.At).Display)}:</strong> {WebUtility.HtmlEncode(notice.Note)}</p>\n";

    /// <summary>A live blog's newest entry, first in its item and linked to its place on the page, as its latest notice is (decision 151).</summary>
    private string LiveHtml(HttpRequest request, PublicArticle article)
    {
        if (article.LatestLiveEntry is not { } entry)
        {
            return "";
        }
        var link = WebUtility.HtmlEncode(pages.Absolute(request, article.Path) + "#" + entry.Anchor);
        var headline = entry.Headline.Length > 0 ? " " + WebUtility.HtmlEncode(entry.Headline) : "";
        return $"<p><strong><a href=\"{link}\">Latest, {WebUtility.HtmlEncode(siteTime.View(entry.PostedAt).Display)} {siteTime.Local(entry.PostedAt):HH:mm}</a>:</strong>{headline}</p>\n"
            + AbsoluteLinks.In(entry.BodyHtml, pages.Absolute(request, "")) + "\n<hr>\n";
    }

    private string Noticed(string summary, PublicNotice? notice) =>
        notice is null ? summary : $"{notice.Label}, {siteTime.View(notice.At).Display}: {notice.Note} {summary}";

    /// <summary>The newest approved comments on <paramref name="article"/>, or on any public article when it is null.</summary>
    public async Task<Feed> CommentsAsync(HttpRequest request, FeedPage page, ArticleFeedFormat format, PublicArticle? article, CancellationToken cancellationToken)
    {
        var items = new List<FeedItem>();
        ApprovedComment? olderThan = null;
        for (var round = 0; round < CommentRounds && items.Count < Limit; round++)
        {
            var batch = await comments.LatestAsync(article?.Id, olderThan, Limit, cancellationToken);
            var shown = article is not null
                ? new Dictionary<long, PublicArticle> { [article.Id] = article }
                : (await articles.FindManyAsync([.. batch.Select(comment => comment.ArticleId).Distinct()], cancellationToken)).ToDictionary(found => found.Id);
            items.AddRange(batch.Where(comment => shown.ContainsKey(comment.ArticleId)).Take(Limit - items.Count)
                .Select(comment => CommentItem(request, comment, shown[comment.ArticleId])));
            if (batch.Count < Limit)
            {
                break;
            }
            olderThan = batch[^1];
        }
        return Complete(request, page, format, items);
    }

    private FeedItem CommentItem(HttpRequest request, ApprovedComment comment, PublicArticle article)
    {
        var anchor = string.Create(CultureInfo.InvariantCulture, $"#comment-{comment.Id}");
        return new FeedItem(
            ItemId(request, article.Id) + anchor,
            pages.Absolute(request, article.Path) + anchor,
            $"Comment on {article.Title} by {comment.AuthorName}",
            Excerpt(comment.BodyHtml),
            AbsoluteLinks.In(comment.BodyHtml, pages.Absolute(request, "")),
            comment.CreatedAt,
            comment.CreatedAt,
            [comment.AuthorName],
            []);
    }

    private Feed Complete(HttpRequest request, FeedPage page, ArticleFeedFormat format, List<FeedItem> items) => new(
        page.Title,
        page.Description,
        pages.Absolute(request, page.Path),
        pages.Absolute(request, ArticleFeedPaths.Of(page.Path, format)),
        pages.Site.Language,
        items.Count > 0 ? items.Max(item => item.Updated) : DateTimeOffset.UnixEpoch,
        pages.Site.Title,
        items);

    private string ItemId(HttpRequest request, long articleId) =>
        pages.Absolute(request, string.Create(CultureInfo.InvariantCulture, $"/?p={articleId}"));

    /// <summary>A comment's text without its markup, cut at a word near <see cref="SummaryLength"/> characters.</summary>
    private static string Excerpt(string html)
    {
        var text = Whitespace().Replace(WebUtility.HtmlDecode(Markup().Replace(html, " ")), " ").Trim();
        if (text.Length <= SummaryLength)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', SummaryLength);
        return string.Concat(text.AsSpan(0, cut > 0 ? cut : SummaryLength), "…");
    }

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Markup();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
