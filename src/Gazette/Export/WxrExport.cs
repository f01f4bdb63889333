using Gazette.Articles.Contracts;
using Gazette.Comments.Contracts;
using Gazette.Media.Contracts;
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
    public int Images { get; set; }
    public int FilesCopied { get; set; }

    /// <summary>Library images whose file was not in the media folder, so not copied.</summary>
    public int FilesMissing { get; set; }

    public override string ToString() =>
        $"{Articles} articles, {Pages} pages, {Comments} comments, {Sections} sections, {Tags} tags, {Authors} authors, {Images} images";
}

/// <summary>
/// The whole site as one WXR document: every article and page whatever its
/// status, with their comments whatever theirs, read a page of articles at a
/// time and each page's comments as they stream, then every library image as
/// an attachment, a page at a time, so memory stays flat at any size (but for a
/// name per image). WordPress has one id space for posts and attachments, so
/// an image's id is its library id past the highest article id, read first;
/// articles added while the export runs are left out, as they could take
/// those ids (decision 131).
/// </summary>
public sealed class WxrExport(IArticleExport articles, ICommentExport comments, IAuthorDirectory authors, IMediaExport media, IOptionsMonitor<SiteOptions> site, SiteTime siteTime, TimeProvider time)
{
    private const int PageSize = 200;

    /// <summary>The address links are written under: the configured base URL, or null when none is set.</summary>
    public string? BaseUrl => string.IsNullOrEmpty(site.CurrentValue.BaseUrl) ? null : site.CurrentValue.BaseUrl.TrimEnd('/');

    /// <summary>Writes the document to <paramref name="stream"/> and, given <paramref name="uploads"/>, each image's original file there as WordPress lays out <c>wp-content/uploads</c>.</summary>
    public async Task<WxrCounts> WriteAsync(Stream stream, string? uploads, Action<WxrCounts> progress, CancellationToken cancellationToken)
    {
        var options = site.CurrentValue;
        var counts = new WxrCounts();
        var baseUrl = BaseUrl ?? "http://localhost";
        using var writer = new WxrWriter(stream, new WxrSite(options.Title, options.Tagline, options.Language, baseUrl, time.GetUtcNow()), siteTime.Local);
        var lastArticleId = await articles.HighestIdAsync(cancellationToken);
        var links = new LibraryLinks(await OriginalsAsync(cancellationToken), media.StemOf, baseUrl);
        var featuredOn = new Dictionary<long, long>();
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
        for (long afterId = 0; afterId < lastArticleId;)
        {
            var page = (await articles.PageAsync(afterId, PageSize, cancellationToken)).Where(article => article.Id <= lastArticleId).ToList();
            if (page.Count == 0)
            {
                break;
            }
            await WritePageAsync(writer, new ItemContext(links, members, featuredOn, lastArticleId), page, afterId, counts, cancellationToken);
            afterId = page[^1].Id;
            progress(counts);
        }
        var layout = new UploadsLayout(siteTime.Local);
        for (long afterId = 0; ;)
        {
            var page = await media.PageAsync(afterId, PageSize, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }
            foreach (var image in page)
            {
                var relativePath = layout.PathOf(image);
                if (uploads is not null)
                {
                    await CopyAsync(image, uploads, relativePath, counts, cancellationToken);
                }
                writer.WriteAttachment(new WxrAttachmentItem(lastArticleId + image.Id, featuredOn.GetValueOrDefault(image.Id), Title(image), UploadsLayout.Slug(image.OriginalName),
                    image.Caption, image.Alt, baseUrl + image.Url, relativePath, image.UploadedAt,
                    image.UploadedBy is { } uploader && members.TryGetValue(uploader, out var member) ? member.Slug : ""));
                counts.Images++;
            }
            afterId = page[^1].Id;
            progress(counts);
        }
        writer.WriteEnd();
        return counts;
    }

    /// <summary>Each library image's original, by the stem its copies' names share, so a body's link to any of them can name the original.</summary>
    private async Task<Dictionary<string, string>> OriginalsAsync(CancellationToken cancellationToken)
    {
        var originals = new Dictionary<string, string>(StringComparer.Ordinal);
        for (long afterId = 0; ;)
        {
            var page = await media.PageAsync(afterId, PageSize, cancellationToken);
            if (page.Count == 0)
            {
                return originals;
            }
            foreach (var image in page)
            {
                originals[image.Stem] = image.Url;
            }
            afterId = page[^1].Id;
        }
    }

    private async Task CopyAsync(ExportedImage image, string uploads, string relativePath, WxrCounts counts, CancellationToken cancellationToken)
    {
        await using var original = media.OpenOriginal(image);
        if (original is null)
        {
            counts.FilesMissing++;
            return;
        }
        var target = Path.Combine(uploads, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using (var copy = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            await original.CopyToAsync(copy, cancellationToken);
        }
        counts.FilesCopied++;
    }

    /// <summary>WordPress titles an upload with its file's name without the extension.</summary>
    private static string Title(ExportedImage image)
    {
        var dot = image.OriginalName.LastIndexOf('.');
        var title = dot > 0 ? image.OriginalName[..dot] : image.OriginalName;
        return title.Length > 0 ? title : UploadsLayout.FileStem(image.OriginalName);
    }

    /// <summary>What writing an item needs besides the article: the body's image links, the members, and which article first features each image.</summary>
    private sealed record ItemContext(LibraryLinks Links, IReadOnlyDictionary<long, PublicAuthor> Members, Dictionary<long, long> FeaturedOn, long LastArticleId);

    /// <summary>The page's comments come ordered by article, so each item takes the run of them that is its own.</summary>
    private async Task WritePageAsync(WxrWriter writer, ItemContext context, IReadOnlyList<ExportedArticle> page, long afterId, WxrCounts counts, CancellationToken cancellationToken)
    {
        await using var pending = comments.ForArticlesAsync(afterId, page[^1].Id, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var next = await pending.MoveNextAsync() ? pending.Current : null;
        foreach (var article in page)
        {
            if (article.FeaturedMediaId is { } featured)
            {
                context.FeaturedOn.TryAdd(featured, article.Id);
            }
            writer.WriteItemStart(article, Creator(article, context.Members), context.Links.Rewrite(article.BodyHtml),
                article.FeaturedMediaId is { } image ? context.LastArticleId + image : null);
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
