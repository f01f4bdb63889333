using System.Net;
using Gazette.Articles;
using Gazette.Media;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Media;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Articles;

/// <summary>An article's featured image, chosen from the media library, on both databases: shown with srcset, width and height, named in the JSON-LD, and protecting the image from deletion; an inline one shown as a figure with caption and credit.</summary>
public abstract class FeaturedImageTests<TProvider>(TProvider provider) : NewsroomTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private static int _width = 1700;

    private readonly string _folder = Path.Combine(SqliteProvider.Root, "featured-" + Guid.NewGuid().ToString("N"));

    protected override void Configure(Dictionary<string, string?> settings) => settings[MediaFolder.Key] = _folder;

    [Fact]
    public async Task APublishedArticleShowsItsFeaturedImageWithSrcsetAndCredit()
    {
        var author = await MemberAsync(NewsroomRole.Author);
        var library = Factory.Services.GetRequiredService<MediaLibrary>();
        var upload = await library.UploadAsync(author, new MemoryStream(TestImages.Jpeg(Interlocked.Increment(ref _width), 900)), "pier.jpg", "Fishing boats at the pier");
        Assert.True(upload.Succeeded);
        var image = upload.Item!;
        Assert.True((await library.UpdateAsync(author, image.Id, new MediaMetadata("Fishing boats at the pier", "Boats return at dawn.", "Ana Photographer", "", 0.5, 0.5))).Succeeded);
        var title = Unique("Harbour reopens");

        var draft = await DraftAsync(author, Input(title) with { FeaturedMediaId = image.Id });
        var published = await Editor.PublishAsync(author, draft.Article.Id, draft.Article.Version);

        Assert.True(published.Succeeded);
        var (status, html, _) = await GetAsync(TestLinks.Of(published.Article!.Article));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<figure class=\"story__image\">", html, StringComparison.Ordinal);
        Assert.Contains($"srcset=\"{image.Url[..^4]}-480.webp 480w", html, StringComparison.Ordinal);
        Assert.Contains($"width=\"{image.Width}\" height=\"900\" alt=\"Fishing boats at the pier\"", html, StringComparison.Ordinal);
        Assert.Contains("Boats return at dawn. <span class=\"credit\">Ana Photographer</span>", html, StringComparison.Ordinal);
        var stem = image.Url[..^4];
        Assert.Contains($"\"image\":[\"http://localhost{stem}-16x9-50-50.webp\",\"http://localhost{stem}-4x3-50-50.webp\",\"http://localhost{stem}-1x1-50-50.webp\"]", html, StringComparison.Ordinal);

        var deletion = await library.DeleteAsync(author, image.Id);
        Assert.False(deletion.Succeeded);
    }

    [Fact]
    public async Task AnInlineLibraryImageIsAFigureWithItsCaptionOrTheMarkdownTitleAndItsCredit()
    {
        var author = await MemberAsync(NewsroomRole.Author);
        var library = Factory.Services.GetRequiredService<MediaLibrary>();
        var image = (await library.UploadAsync(author, new MemoryStream(TestImages.Jpeg(Interlocked.Increment(ref _width), 900)), "quay.jpg", "The quay")).Item!;
        Assert.True((await library.UpdateAsync(author, image.Id, new MediaMetadata("The quay", "Cranes idle on the quay.", "Reuters/Ana Photographer", "", 0.5, 0.5))).Succeeded);
        var body = $"The port stopped.\n\n![The quay]({image.Url})\n\nTalks resume.\n\n![The quay]({image.Url} \"Night shift, Tuesday\")";

        var draft = await DraftAsync(author, Input(Unique("Port idle"), body));
        var published = await Editor.PublishAsync(author, draft.Article.Id, draft.Article.Version);

        var html = (await GetAsync(TestLinks.Of(published.Article!.Article))).Html;
        Assert.Contains("<p>The port stopped.</p>\n<figure><img src=", html, StringComparison.Ordinal);
        Assert.Contains("<figcaption>Cranes idle on the quay. <small>Reuters/Ana Photographer</small></figcaption></figure>\n<p>Talks resume.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<figcaption>Night shift, Tuesday <small>Reuters/Ana Photographer</small></figcaption></figure>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnImageThatIsNotInTheLibraryIsRefusedByItsField()
    {
        var author = await MemberAsync(NewsroomRole.Author);

        var result = await Editor.CreateAsync(author, Input(Unique("No picture")) with { FeaturedMediaId = 999_999 });

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.Equal("There is no image with this number in the media library.", result.Errors[ArticleFields.FeaturedMediaId]);
    }
}

public sealed class FeaturedImageTestsOnSqlite(SqliteProvider provider) : FeaturedImageTests<SqliteProvider>(provider);

public sealed class FeaturedImageTestsOnPostgres(PostgresProvider provider) : FeaturedImageTests<PostgresProvider>(provider);
