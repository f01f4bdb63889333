using Gazette.Articles;
using Gazette.Settings;

namespace Gazette.Seeding;

/// <summary>
/// A fresh install shows a real article rather than an empty page: the sample
/// story (Seeding/sample-article.md), published once. The claim is recorded in
/// settings first, so a restart, or a second node starting at the same moment,
/// never publishes it again; nor does a site that already has articles.
/// </summary>
public sealed class SampleContent(ArticlePublisher publisher, SettingsStore settings, PublicArticleReader reader, IConfiguration configuration, TimeProvider time, ILogger<SampleContent> logger)
{
    public const string EnabledKey = "Gazette:SampleContent";
    public const string ClaimKey = "site.sample_content_published_at";
    public const string Title = "China Outlines Five Goals for Antony Blinken’s Visit to Foster US Relations";
    public static readonly DateTimeOffset PublishedAt = new(2024, 4, 22, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The article published by this process, if it published one.</summary>
    public Article? Published { get; private set; }

    public async Task SeedIfEmptyAsync(CancellationToken cancellationToken = default)
    {
        if (!configuration.GetValue(EnabledKey, true))
        {
            return;
        }
        if (!await settings.TryAddAsync(ClaimKey, time.GetUtcNow().ToString("O"), cancellationToken))
        {
            return;
        }
        if ((await reader.ListAsync(new ListCardsRequest(1), cancellationToken)).Count > 0)
        {
            return;
        }
        Published = await publisher.CreateAsync(new ArticleDraft
        {
            Title = Title,
            BodyMarkdown = await ReadBodyAsync(),
            PublishedAt = PublishedAt,
            Sections = ["World"],
            Tags = ["China", "United States", "Diplomacy"],
            Bylines = ["Gazette Newsroom"],
        }, cancellationToken);
        logger.LogInformation("Published the sample article at {Url}", Permalinks.Article(PublishedAt, Published.Slug));
    }

    private static async Task<string> ReadBodyAsync()
    {
        await using var stream = typeof(SampleContent).Assembly.GetManifestResourceStream("Gazette.Seeding.sample-article.md")
            ?? throw new InvalidOperationException("The sample article is missing from the build.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
