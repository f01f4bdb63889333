using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using Dapper;
using Gazette.Backup;
using Gazette.Media;
using Gazette.Storage;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Media;
using Gazette.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Backup;

/// <summary>
/// <c>gazette backup</c> and <c>restore</c> on each database: a backup taken while
/// readers post comments and an editor uploads, restored elsewhere, holds every row
/// and file the site had at one moment; the restored site serves; a live site is
/// replaced only with --force; a damaged file changes nothing.
/// </summary>
public abstract class BackupTests<TProvider>(TProvider provider) : IClassFixture<TProvider>, IDisposable
    where TProvider : DatabaseProvider
{
    private const string SampleArticle = CommentTestBase<TProvider>.Article;
    private static readonly string[] ResetTables = ["events", "event_cursors"];

    /// <summary>Rows the site may change after the backup (a session's last use), compared by key only.</summary>
    private static readonly string[] UpdatedTables = ["sessions", "health_probes"];

    private readonly string _folder = Directory.CreateTempSubdirectory("gazette-backup-").FullName;

    protected TProvider Provider => provider;

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task ABackupUnderCommentLoadAndAnUploadRestoresEveryRowAndFileAndTheRestoredSiteServes()
    {
        var source = await provider.CreateMigratedAsync();
        var sourceMedia = Path.Combine(_folder, "source-media");
        var file = Path.Combine(_folder, "site.tar.gz");
        await using var site = Site(source, sourceMedia);
        using var reader = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var editor = await Newsroom.MemberAsync(site, "editor", NewsroomRole.Editor);
        var before = await UploadAsync(editor, TestImages.Jpeg(1200, 800), "Before the backup");
        var acknowledgedBefore = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            acknowledgedBefore.Add(await PostCommentAsync(reader, $"before-{i}"));
        }

        using var stop = new CancellationTokenSource();
        var acknowledged = new ConcurrentBag<long>();
        var load = Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                acknowledged.Add(await PostCommentAsync(reader, $"load-{writer}-{i}"));
            }
        })).ToList();
        await Wait.UntilAsync(() => Task.FromResult(acknowledged.Count >= 8));
        var upload = UploadAsync(editor, TestImages.Png(900, 700), "During the backup");
        var summary = await site.Services.GetRequiredService<SiteBackup>().WriteAsync(file);
        var countAfterBackup = acknowledged.Count;
        await Wait.UntilAsync(() => Task.FromResult(acknowledged.Count >= countAfterBackup + 8));
        await stop.CancelAsync();
        await Task.WhenAll(load);
        await upload;

        var target = await provider.CreateEmptyAsync();
        var targetMedia = Path.Combine(_folder, "restored-media");
        var restore = await RunAsync("restore", file, "--database", target, $"--{MediaFolder.Key}={targetMedia}");

        Assert.True(restore.ExitCode == 0, restore.Stderr);
        Assert.Contains("Restored the backup", restore.Stdout, StringComparison.Ordinal);
        Assert.True(summary.FolderFiles >= 3, $"{summary.FolderFiles} media files backed up");
        await using (var original = Database.Create(DatabaseUrl.Parse(source)))
        await using (var restored = Database.Create(DatabaseUrl.Parse(target)))
        {
            await AssertRestoredIsTheSourceAtOneMomentAsync(original, restored);
            await using var connection = await restored.OpenAsync();
            var comments = (await connection.QueryAsync<long>("select id from comments")).ToHashSet();
            Assert.Superset(acknowledgedBefore.ToHashSet(), comments);
            Assert.True(comments.Count < acknowledgedBefore.Count + acknowledged.Count, "the load went on after the backup, so the backup lacks its last comments");
            foreach (var name in await connection.QueryAsync<string>("select name from media"))
            {
                Assert.True(File.Exists(Path.Combine(targetMedia, name[..2], name)), $"{name} has its row but no file");
            }
        }
        AssertSameFiles(sourceMedia, targetMedia);

        await using var restoredSite = Site(target, targetMedia);
        using var client = restoredSite.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var article = await client.GetAsync(new Uri(SampleArticle, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, article.StatusCode);
        Assert.Contains("China Outlines Five Goals", await article.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var image = await client.GetAsync(new Uri(before, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(sourceMedia, before[7..9], before[7..])), await image.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.SeeOther, (await PostCommentResponseAsync(client, "after the restore")).StatusCode);
    }

    [Fact]
    public async Task ASiteIsReplacedOnlyWithForce()
    {
        var source = await provider.CreateMigratedAsync();
        var file = Path.Combine(_folder, "site.tar.gz");
        await using (var site = Site(source, Path.Combine(_folder, "media")))
        {
            Assert.Equal(HttpStatusCode.OK, (await site.CreateClient().GetAsync(new Uri(SampleArticle, UriKind.Relative))).StatusCode);
        }
        var backup = await RunAsync("backup", file, "--database", source);
        Assert.True(backup.ExitCode == 0, backup.Stderr);
        Assert.Matches("^Backed up the .* to .*site.tar.gz \\([0-9.]+ MB\\) in [0-9.]+ s\\.\n$", backup.Stdout);
        await using (var database = Database.Create(DatabaseUrl.Parse(source)))
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync("update articles set title = 'Changed after the backup'");
        }

        var refused = await RunAsync("restore", file, "--database", source, $"--{MediaFolder.Key}={Path.Combine(_folder, "media")}");
        Assert.Equal(1, refused.ExitCode);
        Assert.Matches("^gazette: The .* already holds a site \\(.*\\)\\. Restore into an empty one, or add --force to replace that site with the backup \\(stop it first\\)\\.\n$", refused.Stderr);
        Assert.Equal("Changed after the backup", await TitleAsync(source));

        var forced = await RunAsync("restore", file, "--force", "--database", source, $"--{MediaFolder.Key}={Path.Combine(_folder, "media")}");
        Assert.True(forced.ExitCode == 0, forced.Stderr);
        Assert.StartsWith("China Outlines Five Goals", await TitleAsync(source), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("flipped")]
    [InlineData("not a backup")]
    public async Task ADamagedBackupIsRefusedWithAClearMessageAndChangesNothing(string damage)
    {
        var source = await provider.CreateMigratedAsync();
        var file = Path.Combine(_folder, "site.tar.gz");
        await using (var site = Site(source, Path.Combine(_folder, "media")))
        {
            var editor = await Newsroom.MemberAsync(site, "editor", NewsroomRole.Editor);
            await UploadAsync(editor, TestImages.Jpeg(1000, 600), "An image");
            await site.Services.GetRequiredService<SiteBackup>().WriteAsync(file);
        }
        var bytes = await File.ReadAllBytesAsync(file);
        await File.WriteAllBytesAsync(file, damage switch
        {
            "truncated" => bytes[..(bytes.Length / 2)],
            "flipped" => Flipped(bytes),
            _ => "<html>not a backup</html>"u8.ToArray(),
        });
        var target = await provider.CreateEmptyAsync();
        var targetMedia = Path.Combine(_folder, "restored-media");

        var restore = await RunAsync("restore", file, "--database", target, $"--{MediaFolder.Key}={targetMedia}");

        Assert.Equal(1, restore.ExitCode);
        Assert.Matches($"^gazette: The backup {file.Replace(".", "\\.", StringComparison.Ordinal)} cannot be restored: .*\\. Nothing was changed\\.\n$", restore.Stderr);
        Assert.False(Directory.Exists(targetMedia));
        await AssertEmptyAsync(target);
    }

    [Fact]
    public async Task ABackupFromANewerGazetteIsRefusedAndChangesNothing()
    {
        var source = await provider.CreateMigratedAsync();
        var file = Path.Combine(_folder, "site.tar.gz");
        await using (var site = Site(source, Path.Combine(_folder, "media")))
        {
            await site.Services.GetRequiredService<SiteBackup>().WriteAsync(file);
        }
        await RewriteManifestAsync(file, manifest => manifest with { Migrations = [.. manifest.Migrations, "0999_from_the_future.sql"] });
        var target = await provider.CreateEmptyAsync();

        var restore = await RunAsync("restore", file, "--database", target, $"--{MediaFolder.Key}={Path.Combine(_folder, "restored-media")}");

        Assert.Equal(1, restore.ExitCode);
        Assert.Equal($"gazette: {file} was made by a newer Gazette: its database has migration(s) this one does not know (0999_from_the_future.sql). " +
            "Restore it with that version or a later one. Nothing was changed.\n", restore.Stderr);
        await AssertEmptyAsync(target);
    }

    [Fact]
    public async Task ABackupIntoAFileThatExistsOrWithoutASiteIsRefused()
    {
        var file = Path.Combine(_folder, "site.tar.gz");
        await File.WriteAllTextAsync(file, "keep me");
        var source = await provider.CreateMigratedAsync();

        var exists = await RunAsync("backup", file, "--database", source);

        Assert.Equal(1, exists.ExitCode);
        Assert.Equal($"gazette: {file} already exists: give the backup a new name, or move the old file away.\n", exists.Stderr);
        Assert.Equal("keep me", await File.ReadAllTextAsync(file));
    }

    private GazetteFactory Site(string database, string media)
    {
        var factory = new GazetteFactory(provider);
        factory.Settings["Gazette:Database"] = database;
        factory.Settings[MediaFolder.Key] = media;
        return factory;
    }

    protected static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) =>
        GazetteProcess.RunAsync(AppContext.BaseDirectory, null, args);

    private static int _address;

    private static async Task<HttpResponseMessage> PostCommentResponseAsync(HttpClient client, string text)
    {
        var id = Interlocked.Increment(ref _address);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/comments/")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["comment_post_ID"] = "1",
                ["comment_parent"] = "0",
                ["author"] = "Reader " + id.ToString(CultureInfo.InvariantCulture),
                ["email"] = $"reader-{Guid.NewGuid():N}@example.org",
                ["url"] = "",
                ["comment"] = $"Comment {text} {Guid.NewGuid():N}",
            }),
        };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        request.Headers.Add(GazetteFactory.ClientAddressHeader, $"10.{(id >> 16) & 255}.{(id >> 8) & 255}.{id & 255}");
        return await client.SendAsync(request);
    }

    private static async Task<long> PostCommentAsync(HttpClient client, string text)
    {
        using var response = await PostCommentResponseAsync(client, text);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        return long.Parse(location[(location.LastIndexOf("#comment-", StringComparison.Ordinal) + "#comment-".Length)..], CultureInfo.InvariantCulture);
    }

    /// <summary>Uploads through POST /admin/media; returns the image's URL.</summary>
    private static async Task<string> UploadAsync(HttpClient editor, byte[] image, string alt)
    {
        var token = await Newsroom.FormTokenAsync(editor, "/admin/");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/media")
        {
            Content = new MultipartFormDataContent { { new ByteArrayContent(image), "file", "upload.jpg" }, { new StringContent(alt), "alt" } },
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Add("RequestVerificationToken", token);
        using var response = await editor.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>
    /// Every row restored is a row of the source, unchanged; the rows the source has
    /// beyond them came after the backup (comments, their events, the upload during it).
    /// </summary>
    private static async Task AssertRestoredIsTheSourceAtOneMomentAsync(Database original, Database restored)
    {
        var tables = (await SchemaReader.TablesAsync(original)).Keys.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(tables, (await SchemaReader.TablesAsync(restored)).Keys.Order(StringComparer.Ordinal));
        var newer = new List<string>();
        foreach (var table in tables)
        {
            var before = await RowsAsync(original, table);
            var after = await RowsAsync(restored, table);
            if (ResetTables.Contains(table))
            {
                Assert.Empty(after);
                continue;
            }
            var compared = UpdatedTables.Contains(table) ? (Func<string, string>)(row => row.Split('|')[0]) : row => row;
            var missing = after.Select(compared).Except(before.Select(compared)).ToList();
            Assert.True(missing.Count == 0, $"{table}: restored rows not in the source: {string.Join("; ", missing.Take(3))}");
            if (before.Count > after.Count)
            {
                newer.Add(table);
            }
        }
        Assert.Subset(new HashSet<string> { "comments", "media", "audit" }, newer.ToHashSet());
        Assert.Contains("comments", newer);
    }

    private static async Task<List<string>> RowsAsync(Database database, string table)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync($"select * from {table}");
        return rows.Cast<IDictionary<string, object?>>()
            .Select(row => string.Join("|", row.Select(column => column.Value switch
            {
                null => "null",
                byte[] blob => Convert.ToHexString(blob),
                IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
                var value => value.ToString(),
            })))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static void AssertSameFiles(string source, string restored)
    {
        var restoredFiles = Directory.EnumerateFiles(restored, "*", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(restored, path)).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(restoredFiles);
        foreach (var relative in restoredFiles)
        {
            Assert.Equal(Hash(Path.Combine(source, relative)), Hash(Path.Combine(restored, relative)));
        }
    }

    /// <summary>Copies the archive entry by entry, changing only its manifest (which no hash covers).</summary>
    private static async Task RewriteManifestAsync(string file, Func<BackupManifest, BackupManifest> change)
    {
        var copy = file + ".new";
        await using (var input = new System.IO.Compression.GZipStream(File.OpenRead(file), System.IO.Compression.CompressionMode.Decompress))
        await using (var output = new System.IO.Compression.GZipStream(File.Create(copy), System.IO.Compression.CompressionLevel.Fastest))
        await using (var reader = new System.Formats.Tar.TarReader(input))
        await using (var writer = new System.Formats.Tar.TarWriter(output))
        {
            while (await reader.GetNextEntryAsync(copyData: true) is { } entry)
            {
                if (entry.Name == BackupManifest.EntryName)
                {
                    using var json = new MemoryStream();
                    await entry.DataStream!.CopyToAsync(json);
                    entry.DataStream = new MemoryStream(change(BackupManifest.Read(json.ToArray(), file)).ToJson());
                }
                await writer.WriteEntryAsync(entry);
            }
        }
        File.Move(copy, file, overwrite: true);
    }

    /// <summary>
    /// The backup with one bit flipped at or after its middle, where that changes what it unpacks to: a few
    /// bits of a deflate stream change nothing (in about one file of twelve the middle one did not, gzip's
    /// CRC held, and the file rightly restored the same site).
    /// </summary>
    private static byte[] Flipped(byte[] backup)
    {
        var original = Unpacked(backup);
        for (var at = backup.Length / 2; ; at++)
        {
            var flipped = backup.ToArray();
            flipped[at] ^= 0x40;
            try
            {
                if (!Unpacked(flipped).AsSpan().SequenceEqual(original))
                {
                    return flipped;
                }
            }
            catch (InvalidDataException)
            {
                return flipped;
            }
        }
    }

    private static byte[] Unpacked(byte[] backup)
    {
        using var gzip = new GZipStream(new MemoryStream(backup), CompressionMode.Decompress);
        using var unpacked = new MemoryStream();
        gzip.CopyTo(unpacked);
        return unpacked.ToArray();
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private static async Task<string> TitleAsync(string setting)
    {
        await using var database = Database.Create(DatabaseUrl.Parse(setting));
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<string>("select title from articles order by id limit 1") ?? "";
    }

    private static async Task AssertEmptyAsync(string setting)
    {
        var url = DatabaseUrl.Parse(setting);
        if (url is SqliteUrl sqlite)
        {
            Assert.Empty(Directory.Exists(sqlite.DataFolder) ? Directory.EnumerateFileSystemEntries(sqlite.DataFolder) : []);
            return;
        }
        await using var database = Database.Create(url);
        Assert.Empty(await SchemaReader.TablesAsync(database));
    }
}

public sealed class BackupTestsOnSqlite(SqliteProvider provider) : BackupTests<SqliteProvider>(provider);

public sealed class BackupTestsOnPostgres(PostgresProvider provider) : BackupTests<PostgresProvider>(provider)
{
    [Fact]
    public async Task WithoutPgDumpABackupSaysHowAndWritesNothing()
    {
        var source = await Provider.CreateMigratedAsync();
        var file = Path.Combine(Path.GetTempPath(), $"gazette-{Guid.NewGuid():N}.tar.gz");

        var backup = await GazetteProcess.RunAsync(AppContext.BaseDirectory, new Dictionary<string, string> { ["PATH"] = "/nonexistent" }, "backup", file, "--database", source);

        Assert.Equal(1, backup.ExitCode);
        Assert.Equal("gazette: A backup on PostgreSQL needs pg_dump, which is not on PATH. Install PostgreSQL's client programs " +
            "(Debian: apt-get install postgresql-client; the same major version as the server or newer) and run it again.\n", backup.Stderr);
        Assert.False(File.Exists(file));
    }
}
