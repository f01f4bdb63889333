using Gazette.Articles.Contracts;
using Gazette.Comments.Contracts;
using Gazette.Rendering;
using Microsoft.Extensions.Options;

namespace Gazette.Export;

/// <summary>What an export wrote, counted as it goes (the progress line reads it).</summary>
public sealed class WxrCounts
{
    public int Authors { get; set; }
    public int Sections { get; set; }
    public int Tags { get; set; }
    public int Articles { get; set; }
    public int Pages { get; set; }
    public int Comments { get; set; }

    public override string ToString() =>
        $"{Articles} articles, {Pages} pages, {Comments} comments, {Sections} sections, {Tags} tags, {Authors} authors";
}

/// <summary>
/// The whole site as one WXR document: every article and page whatever its
/// status, with their comments whatever theirs, read a page of articles at a
/// time and each page's comments as they stream, so memory stays flat at any size.
/// </summary>
public sealed class WxrExport(IArticleExport articles, ICommentExport comments, IAuthorDirectory authors, IOptionsMonitor<SiteOptions> site, SiteTime siteTime, TimeProvider time)
{
    private const int PageSize = 200;

    /// <summary>The address links are written under: the configured base URL, or null when none is set.</summary>
    public string? BaseUrl => string.IsNullOrEmpty(site.CurrentValue.BaseUrl) ? null : site.CurrentValue.BaseUrl.TrimEnd('/');

    public async Task<WxrCounts> WriteAsync(Stream stream, Action<WxrCounts> progress, CancellationToken cancellationToken)
    {
        var options = site.CurrentValue;
        var counts = new WxrCounts();
        using var writer = new WxrWriter(stream, new WxrSite(options.Title, options.Tagline, options.Language, BaseUrl ?? "http://localhost", time.GetUtcNow()), siteTime.Local);
        writer.WriteStart();
        var members = await authors.FindAsync(await articles.MemberIdsAsync(cancellationToken), cancellationToken);
        foreach (var member in members.Values.OrderBy(member => member.Id))
        {
            writer.WriteAuthor(member);
            counts.Authors++;
        }
        foreach (var section in await articles.SectionsAsync(cancellationToken))
        {
            writer.WriteCategory(section);
            counts.Sections++;
        }
        foreach (var tag in await articles.TagsAsync(cancellationToken))
        {
            writer.WriteTag(tag);
            counts.Tags++;
        }
        for (long afterId = 0; ;)
        {
            var page = await articles.PageAsync(afterId, PageSize, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }
            await WritePageAsync(writer, page, afterId, members, counts, cancellationToken);
            afterId = page[^1].Id;
            progress(counts);
        }
        writer.WriteEnd();
        return counts;
    }

    /// <summary>The page's comments come ordered by article, so each item takes the run of them that is its own.</summary>
    private async Task WritePageAsync(WxrWriter writer, IReadOnlyList<ExportedArticle> page, long afterId, IReadOnlyDictionary<long, PublicAuthor> members,
        WxrCounts counts, CancellationToken cancellationToken)
    {
        await using var pending = comments.ForArticlesAsync(afterId, page[^1].Id, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var next = await pending.MoveNextAsync() ? pending.Current : null;
        foreach (var article in page)
        {
            writer.WriteItemStart(article, Creator(article, members));
            while (next is not null && next.ArticleId == article.Id)
            {
                writer.WriteComment(next);
                counts.Comments++;
                next = await pending.MoveNextAsync() ? pending.Current : null;
            }
            writer.WriteItemEnd();
            if (article.Kind == "page")
            {
                counts.Pages++;
            }
            else
            {
                counts.Articles++;
            }
        }
    }

    /// <summary>
    /// WordPress has one author a post: the first byline that is a member, else
    /// the member who wrote it, else the first byline's name (a guest, an agency),
    /// which WordPress's importer gives to whoever imports.
    /// </summary>
    private static string Creator(ExportedArticle article, IReadOnlyDictionary<long, PublicAuthor> members)
    {
        foreach (var byline in article.Bylines)
        {
            if (byline.UserId is { } id && members.TryGetValue(id, out var member))
            {
                return member.Slug;
            }
        }
        if (article.AuthorId is { } authorId && members.TryGetValue(authorId, out var author))
        {
            return author.Slug;
        }
        return article.Bylines.Count > 0 ? article.Bylines[0].Name : "";
    }
}
