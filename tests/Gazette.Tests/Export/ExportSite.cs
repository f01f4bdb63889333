using System.Security.Cryptography;
using Dapper;
using Gazette.Media;
using Gazette.Storage;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Export;

/// <summary>
/// A small site written straight into the tables with fixed ids and dates, so
/// its export is the same bytes on every run and database: two members (ids past the administrator the site makes at its first start), three
/// sections (City under Region, which is used by nothing), two tags, a published article with a thread in every status, a
/// draft, a scheduled article, a trashed one, and a page with a child page;
/// and in the media library a photograph from a real WordPress, featured on
/// the published article and shown in the page's body with its WebP copies,
/// as the Markdown renderer writes it. Its file is stored as the library stores
/// an upload (without metadata), in the media folder when one is given.
/// </summary>
public static class ExportSite
{
    public static readonly DateTimeOffset Now = new(2024, 5, 20, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The library image's stored original, as an upload of the fixture's photograph leaves it.</summary>
    public static byte[] Photo { get; } = MetadataStripper.Strip(ImageType.Jpeg,
        File.ReadAllBytes(Repository.Path("tests", "fixtures", "wordpress", "uploads", "2024", "03", "bridge-at-dawn.jpg")))!;

    /// <summary>Its stored file name: the start of its content hash and its extension.</summary>
    public static string PhotoName { get; } = Convert.ToHexStringLower(SHA256.HashData(Photo))[..32] + ".jpg";

    public static async Task SeedAsync(Database database, string? mediaFolder = null)
    {
        await using var connection = await database.OpenAsync();
        var at = new DateTimeOffset(2024, 4, 15, 7, 30, 0, TimeSpan.Zero);
        await connection.ExecuteAsync(
            """
            insert into users (id, login, display_name, slug, email, password_hash, role, failed_logins, created_at) values
              (11, 'jreporter', 'Jane Reporter', 'jane-reporter', 'jane@newsroom.test', '', 'author', 0, @at),
              (12, 'eddie', 'Eddie Editor', 'eddie-editor', 'eddie@newsroom.test', '', 'editor', 0, @at)
            """, new { at });
        await connection.ExecuteAsync(
            """
            insert into sections (id, slug, name, description) values (1, 'world', 'World', 'News from abroad'), (2, 'city', 'City & Region', ''), (3, 'region', 'Region', '');
            update sections set parent_id = 3 where id = 2;
            insert into tags (id, slug, name, description) values (1, 'harbour', 'Harbour', ''), (2, 'budget', 'Budget', 'Money matters');
            """);
        await AddArticleAsync(connection, 1, "article", null, "harbour-budget-agreed", "Harbour <b>budget</b> “agreed”",
            "<p>The council agreed. 中国外交部 ]]> end</p>", "published", at, 11, "open");
        await AddArticleAsync(connection, 2, "article", null, "draft-story", "A draft", "<p>Not yet.</p>", "draft", null, 12, "open");
        await AddArticleAsync(connection, 3, "article", null, "tomorrows-news", "Tomorrow's news", "<p>Soon.</p>", "scheduled", Now.AddDays(1), null, "closed");
        await AddArticleAsync(connection, 4, "article", null, "gone", "Gone", "<p>Removed.</p>", "trash", at.AddDays(-3), null, "open");
        var stem = PhotoName[..32];
        await AddArticleAsync(connection, 5, "page", null, "about", "About us",
            $"""<p>Who we are.</p><p><img src="/media/{stem}-480.webp" srcset="/media/{stem}-480.webp 480w, /media/{PhotoName} 640w" sizes="(max-width: 960px) 100vw, 960px" width="640" height="360" alt="The bridge"> <a href="/media/{PhotoName}">Full size</a></p>""",
            "published", at.AddDays(-30), null, "closed");
        await AddArticleAsync(connection, 6, "page", 5, "masthead", "Masthead", "<p>Names.</p>", "published", at.AddDays(-30), null, "closed");
        await connection.ExecuteAsync(
            """
            insert into article_sections (article_id, section_id, position) values (1, 1, 0), (1, 2, 1), (2, 2, 0);
            insert into article_tags (article_id, tag_id) values (1, 1), (1, 2);
            insert into bylines (article_id, position, user_id, name) values (1, 0, 11, 'Jane Reporter'), (1, 1, null, 'Agency Wire'), (3, 0, null, 'Agency Wire');
            """);
        await connection.ExecuteAsync(
            """
            insert into media (id, content_hash, name, original_name, mime_type, width, height, byte_size, variant_widths, alt_text, caption, credit, usage_rights, uploaded_by, uploaded_at)
            values (1, @hash, @name, 'Bridge at dawn.jpg', 'image/jpeg', 640, 360, @size, '480', 'A bridge over a river at dawn', 'The bridge at dawn, seen from the east bank.', 'Jane Reporter', '', 11, @uploaded);
            update articles set featured_media_id = 1 where id = 1;
            """,
            new { hash = Convert.ToHexStringLower(SHA256.HashData(Photo)), name = PhotoName, size = Photo.Length, uploaded = at.AddDays(-1) });
        if (mediaFolder is not null)
        {
            Directory.CreateDirectory(Path.Combine(mediaFolder, PhotoName[..2]));
            await File.WriteAllBytesAsync(Path.Combine(mediaFolder, PhotoName[..2], PhotoName), Photo);
        }
        await AddCommentAsync(connection, 1, null, "Reader One", "one@readers.test", "https://one.example/?a=1&b=2", "approved", at.AddHours(2), "198.51.100.7", null);
        await AddCommentAsync(connection, 2, 1, "Eddie Editor", "eddie@newsroom.test", "", "approved", at.AddHours(3), null, 12);
        await AddCommentAsync(connection, 3, 1, "Waiting Reader", "wait@readers.test", "", "pending", at.AddHours(4), "2001:db8::1", null);
        await AddCommentAsync(connection, 4, null, "Spammer", "spam@spam.test", "http://spam.example/", "spam", at.AddHours(5), "203.0.113.9", null);
        await AddCommentAsync(connection, 5, null, "Troll", "troll@readers.test", "", "trash", at.AddHours(6), "203.0.113.10", null);
    }

    private static Task<int> AddArticleAsync(System.Data.Common.DbConnection connection, long id, string kind, long? parentId, string slug, string title, string html,
        string status, DateTimeOffset? publishedAt, long? authorId, string commentStatus) =>
        connection.ExecuteAsync(
            """
            insert into articles (id, kind, parent_id, slug, title, summary, body_markdown, body_html, status, published_at, created_at, updated_at, comment_status, author_id)
            values (@id, @kind, @parentId, @slug, @title, @summary, @html, @html, @status, @publishedAt, @created, @updated, @commentStatus, @authorId)
            """,
            new
            {
                id, kind, parentId, slug, title, summary = $"Summary of {title}", html, status, publishedAt,
                created = new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero).AddDays(id), updated = new DateTimeOffset(2024, 4, 16, 10, 0, 0, TimeSpan.Zero).AddDays(id),
                commentStatus, authorId,
            });

    private static Task<int> AddCommentAsync(System.Data.Common.DbConnection connection, long id, long? parentId, string name, string email, string url, string status,
        DateTimeOffset at, string? ip, long? userId) =>
        connection.ExecuteAsync(
            """
            insert into comments (id, article_id, parent_id, author_name, author_email, author_url, body_source, body_html, status, created_at, ip, fingerprint, user_id)
            values (@id, 1, @parentId, @name, @email, @url, @text, @html, @status, @at, @ip, @fingerprint, @userId)
            """,
            new { id, parentId, name, email, url, text = $"Comment {id} by {name}", html = $"<p>Comment {id} by {name} &amp; co</p>", status, at, ip, fingerprint = $"f{id}", userId });
}
