using System.Text.RegularExpressions;
using Gazette.Events;
using Gazette.Media.Contracts;

namespace Gazette.Import;

/// <summary>
/// Attachments from a copy of the old site's <c>wp-content/uploads</c>: each
/// image goes into the media library (the same bytes twice are one image), and
/// links to it in posts, the original or one of WordPress's resized copies
/// (<c>photo-300x200.jpg</c>), are rewritten to the library's original, as are
/// links naming an attachment's exact <c>attachment_url</c> wherever the old site
/// served it (Gazette's own export names <c>/media/</c> files). A file
/// that is missing or not an image keeps its old URL.
/// </summary>
public sealed partial class WordPressUploads(string folder, IImageImport library, IImageLookup images, UnitsOfWork units, TimeProvider time)
{
    private readonly Dictionary<string, string> _urls = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _attachmentUrls = new(StringComparer.Ordinal);
    private readonly Dictionary<long, long> _mediaIds = [];

    public int Imported { get; private set; }
    public int Missing { get; private set; }
    public int Refused { get; private set; }

    /// <summary>The library image an attachment became, for a featured image.</summary>
    public long? MediaOf(long attachmentId) => _mediaIds.TryGetValue(attachmentId, out var id) ? id : null;

    public async Task AddAsync(WxrAttachment attachment, CancellationToken cancellationToken)
    {
        var sourceId = attachment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using (var work = await units.BeginAsync(cancellationToken))
        {
            if (await ImportMap.FindAsync(work, ImportMap.Attachment, sourceId, cancellationToken) is { } known)
            {
                await RememberAsync(attachment, known, cancellationToken);
                return;
            }
        }
        var path = Path.Combine(folder, attachment.RelativePath.Replace('/', Path.DirectorySeparatorChar));
        if (attachment.RelativePath.Length == 0 || attachment.RelativePath.Contains("..", StringComparison.Ordinal) || !File.Exists(path))
        {
            Missing++;
            return;
        }
        ImportedImage imported;
        await using (var stream = File.OpenRead(path))
        {
            imported = await library.ImportAsync(stream, Path.GetFileName(path), attachment.Alt, "", attachment.Caption, cancellationToken);
        }
        if (imported.MediaId is not { } mediaId)
        {
            Refused++;
            return;
        }
        await using (var work = await units.BeginAsync(cancellationToken))
        {
            await ImportMap.RecordAsync(work, ImportMap.Attachment, sourceId, mediaId, attachment.RelativePath, time.GetUtcNow(), cancellationToken);
            await work.CommitAsync(cancellationToken);
        }
        Imported++;
        await RememberAsync(attachment, mediaId, cancellationToken);
    }

    /// <summary>The content with every link to an imported upload pointing at the library.</summary>
    public string Rewrite(string content)
    {
        if (_urls.Count == 0)
        {
            return content;
        }
        content = UploadUrl().Replace(content, match =>
            _urls.TryGetValue(Unsized(match.Groups["path"].Value), out var url) ? url : match.Value);
        return _attachmentUrls.Count == 0 ? content : AbsoluteUrl().Replace(content, match => _attachmentUrls.TryGetValue(match.Value, out var url) ? url : match.Value);
    }

    private async Task RememberAsync(WxrAttachment attachment, long mediaId, CancellationToken cancellationToken)
    {
        _mediaIds[attachment.Id] = mediaId;
        if (await images.FindAsync(mediaId, cancellationToken) is { } image)
        {
            _urls[attachment.RelativePath] = image.Original;
            if (attachment.Url.Length > 0)
            {
                _attachmentUrls[attachment.Url] = image.Original;
            }
        }
    }

    private static string Unsized(string path) => SizeSuffix().Replace(path, "$1");

    [GeneratedRegex(@"(?:https?:)?//[^\s""'<>()]+?/wp-content/uploads/(?<path>[^\s""'<>?#()]+)", RegexOptions.IgnoreCase)]
    private static partial Regex UploadUrl();

    [GeneratedRegex(@"https?://[^\s""'<>()]+", RegexOptions.IgnoreCase)]
    private static partial Regex AbsoluteUrl();

    [GeneratedRegex(@"-\d+x\d+(\.[a-zA-Z0-9]+)$")]
    private static partial Regex SizeSuffix();
}

/// <summary>
/// An attachment's id, its path under <c>uploads</c> (<c>_wp_attached_file</c>),
/// its alternative text, the post it was uploaded to, its URL on the old site and
/// its caption (WordPress keeps it as the attachment's excerpt).
/// </summary>
public sealed record WxrAttachment(long Id, string RelativePath, string Alt, long ParentId = 0, string Url = "", string Caption = "")
{
    public static WxrAttachment Of(WxrPost post)
    {
        string Meta(string key) => post.Meta.FirstOrDefault(meta => meta.Key == key).Value ?? "";
        var path = Meta("_wp_attached_file");
        if (path.Length == 0 && post.AttachmentUrl.IndexOf("/uploads/", StringComparison.Ordinal) is var at and >= 0)
        {
            path = post.AttachmentUrl[(at + "/uploads/".Length)..];
        }
        var alt = Meta("_wp_attachment_image_alt");
        return new WxrAttachment(post.Id, path.TrimStart('/'), alt.Length > 0 ? alt : WordPressContent.PlainText(post.Title), post.ParentId, post.AttachmentUrl.Trim(), WordPressContent.PlainText(post.Excerpt));
    }
}
