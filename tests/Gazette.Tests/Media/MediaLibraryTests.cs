using Dapper;
using Gazette.Accounts;
using Gazette.Media;
using Gazette.Media.Contracts;
using Gazette.Storage;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Media;

/// <summary>The library the admin calls, on both databases: who may do what, what is stored, where and once.</summary>
public abstract class MediaLibraryTests<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private static int _sizes;

    private readonly string _folder = Path.Combine(SqliteProvider.Root, "media-" + Guid.NewGuid().ToString("N"));

    private string[] StoredFiles() => Directory.Exists(_folder) ? Directory.GetFiles(_folder, "*", SearchOption.AllDirectories) : [];

    private readonly UsedImages _used = new();

    private MediaLibrary Library => Factory.Services.GetRequiredService<MediaLibrary>();

    protected override void Configure(Dictionary<string, string?> settings) => settings[MediaFolder.Key] = _folder;

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IMediaReferences>(_used);

    [Fact]
    public async Task AnUploadIsStoredUnderItsContentHashWithItsCopiesAndOneEvent()
    {
        var author = await UserAsync(NewsroomRole.Author);
        var outcome = await Library.UploadAsync(author, new MemoryStream(UniquePng(1200)), "C:\\Users\\me\\Desktop\\harbour.png", "  The harbour at dawn  ");

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Values));
        var item = outcome.Item!;
        Assert.Matches("^[0-9a-f]{32}\\.png$", item.Name);
        Assert.StartsWith(item.Name[..32], item.ContentHash);
        Assert.Equal(("harbour.png", "The harbour at dawn", "image/png", author.Id), (item.OriginalName, item.AltText, item.MimeType, item.UploadedBy));
        Assert.Equal([480, 960], item.Widths);
        Assert.Equal(Factory.Clock.GetUtcNow(), item.UploadedAt);
        Assert.True(File.Exists(Path.Combine(_folder, item.Name[..2], item.Name)));
        Assert.Equal(item.ByteSize, new FileInfo(Path.Combine(_folder, item.Name[..2], item.Name)).Length);
        foreach (var width in item.Widths)
        {
            Assert.True(File.Exists(Path.Combine(_folder, item.Name[..2], $"{item.Name[..32]}-{width}.webp")));
        }
        Assert.Equal(item, await Library.GetAsync(item.Id));
        await using var connection = await Provider.Database.OpenAsync();
        var payloads = await connection.QueryAsync<string>("select cast(payload as text) from events where type = 'media.uploaded'");
        Assert.Single(payloads, payload => System.Text.RegularExpressions.Regex.IsMatch(payload, $"\"(?i:mediaId)\"\\s*:\\s*{item.Id}\\b"));
    }

    [Fact]
    public async Task TheSameBytesUploadedTwiceAreOneFileAndOneRow()
    {
        var author = await UserAsync(NewsroomRole.Author);
        var editor = await UserAsync(NewsroomRole.Editor);
        var png = UniquePng(700);

        var first = await Library.UploadAsync(author, new MemoryStream(png), "a.png", "First");
        var second = await Library.UploadAsync(editor, new MemoryStream(png), "b.png", "Second");

        Assert.True(second.Succeeded);
        Assert.True(second.Reused);
        Assert.False(first.Reused);
        Assert.Equal(first.Item!.Id, second.Item!.Id);
        Assert.Equal("First", second.Item.AltText);
        await using var connection = await Provider.Database.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("select count(*) from media where content_hash = @ContentHash", first.Item));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(_folder, first.Item.Name[..2]), first.Item.Name[..32] + "*").Length);
    }

    [Fact]
    public async Task AContributorCannotUpload()
    {
        var contributor = await UserAsync(NewsroomRole.Contributor);

        var outcome = await Library.UploadAsync(contributor, new MemoryStream(UniquePng(100)), "a.png", "Alt");

        Assert.Equal(MediaOutcomeStatus.Forbidden, outcome.Status);
        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task AWrongTypeWithAnImageNameAndAMissingAltAreReportedByFieldAndNothingIsStored()
    {
        var author = await UserAsync(NewsroomRole.Author);

        var outcome = await Library.UploadAsync(author, new MemoryStream("<svg onload=alert(1)>"u8.ToArray()), "photo.jpg", "  ");

        Assert.Equal(MediaOutcomeStatus.Invalid, outcome.Status);
        Assert.Equal(ImageIntake.NotAnImage, outcome.Errors[MediaFields.File]);
        Assert.Contains("alt text", outcome.Errors[MediaFields.Alt], StringComparison.Ordinal);
        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task TheListIsNewestFirstPagedAndSearchesFileNamesAndAltText()
    {
        var author = await UserAsync(NewsroomRole.Author);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            Factory.Clock.Advance(TimeSpan.FromMinutes(1));
            var outcome = await Library.UploadAsync(author, new MemoryStream(UniquePng(50)), i == 0 ? $"{tag}-PIER.png" : "x.png", i == 0 ? "Pier" : $"Boats {tag.ToUpperInvariant()} {i}");
            ids.Add(outcome.Item!.Id);
        }
        var store = Factory.Services.GetRequiredService<MediaStore>();

        var first = await store.ListAsync(tag, 1, 2);
        var second = await store.ListAsync(tag, 2, 2);

        Assert.Equal(3, first.Total);
        Assert.True(first.HasNext);
        Assert.False(second.HasNext);
        Assert.Equal([ids[2], ids[1], ids[0]], first.Items.Concat(second.Items).Select(item => item.Id));
        Assert.Equal([ids[0]], (await Library.ListAsync(tag + "-pier")).Items.Select(item => item.Id));
        Assert.Empty((await Library.ListAsync(tag + "%")).Items);
    }

    [Fact]
    public async Task TheUploaderOrAnEditorChangesTheWordsAndFocalPointWithErrorsByField()
    {
        var author = await UserAsync(NewsroomRole.Author);
        var other = await UserAsync(NewsroomRole.Author);
        var editor = await UserAsync(NewsroomRole.Editor);
        var item = (await Library.UploadAsync(author, new MemoryStream(UniquePng(600)), "a.png", "Alt")).Item!;

        var invalid = await Library.UpdateAsync(author, item.Id, new MediaMetadata("", "Caption", new string('c', 301), null, 1.5, 0.2));
        var forbidden = await Library.UpdateAsync(other, item.Id, new MediaMetadata("Alt", null, null, null));
        var byAuthor = await Library.UpdateAsync(author, item.Id, new MediaMetadata("The pier", " At dawn ", "Jo Bloggs / Gazette", "Staff photo: all rights", 0.25, 0.75));
        var byEditor = await Library.UpdateAsync(editor, item.Id, new MediaMetadata("The pier at dawn", "At dawn", "Jo Bloggs / Gazette", "Staff photo: all rights", 0.25, 0.75));

        Assert.Equal([MediaFields.Alt, MediaFields.Credit, MediaFields.Focal], invalid.Errors.Keys.Order());
        Assert.Equal(MediaOutcomeStatus.Forbidden, forbidden.Status);
        Assert.True(byAuthor.Succeeded);
        Assert.True(byEditor.Succeeded);
        var stored = (await Library.GetAsync(item.Id))!;
        Assert.Equal(("The pier at dawn", "At dawn", "Jo Bloggs / Gazette", "Staff photo: all rights", 0.25, 0.75),
            (stored.AltText, stored.Caption, stored.Credit, stored.UsageRights, stored.FocalX, stored.FocalY));
        Assert.Equal("25% 75%", ResponsiveImage.For(stored).ObjectPosition);
        Assert.Equal(MediaOutcomeStatus.NotFound, (await Library.UpdateAsync(editor, -1, new MediaMetadata("Alt", null, null, null))).Status);
    }

    [Fact]
    public async Task AnAuthorDeletesTheirUnusedImageAndOnlyAnEditorOneStillUsed()
    {
        var author = await UserAsync(NewsroomRole.Author);
        var editor = await UserAsync(NewsroomRole.Editor);
        var unused = (await Library.UploadAsync(author, new MemoryStream(UniquePng(1000)), "a.png", "Alt")).Item!;
        var used = (await Library.UploadAsync(author, new MemoryStream(UniquePng(1000)), "b.png", "Alt")).Item!;
        _used.Names.Add(used.Name);

        var deleted = await Library.DeleteAsync(author, unused.Id);
        var refused = await Library.DeleteAsync(author, used.Id);
        var byEditor = await Library.DeleteAsync(editor, used.Id);

        Assert.True(deleted.Succeeded);
        Assert.Null(await Library.GetAsync(unused.Id));
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder, unused.Name[..2]), unused.Name[..32] + "*"));
        Assert.Equal(MediaOutcomeStatus.InUse, refused.Status);
        Assert.Contains("Story about the pier", refused.Errors[MediaFields.Form], StringComparison.Ordinal);
        Assert.True(byEditor.Succeeded);
        Assert.Null(await Library.GetAsync(used.Id));
        Assert.Equal(MediaOutcomeStatus.NotFound, (await Library.DeleteAsync(editor, used.Id)).Status);
    }

    /// <summary>A PNG no other test of the class uploads (its width differs), at least <paramref name="width"/> wide.</summary>
    private static byte[] UniquePng(int width) => TestImages.Png(width + Interlocked.Increment(ref _sizes), 40);

    private async Task<NewsroomUser> UserAsync(string role)
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var id = await Factory.Services.GetRequiredService<UserStore>().CreateAsync(new User
        {
            Login = "user" + tag,
            DisplayName = "User " + tag,
            Slug = "user-" + tag,
            Email = $"user{tag}@example.org",
            PasswordHash = Passwords.Hash("a password of some length"),
            Role = role,
        });
        return new NewsroomUser(id, "User " + tag, role);
    }

    private sealed class UsedImages : IMediaReferences
    {
        public HashSet<string> Names { get; } = [];

        public Task<IReadOnlyList<string>> FindUsesAsync(long mediaId, string name, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<string>>(Names.Contains(name) ? ["Story about the pier"] : []);
    }
}

public sealed class MediaLibraryTestsOnSqlite(SqliteProvider provider) : MediaLibraryTests<SqliteProvider>(provider);

public sealed class MediaLibraryTestsOnPostgres(PostgresProvider provider) : MediaLibraryTests<PostgresProvider>(provider);
