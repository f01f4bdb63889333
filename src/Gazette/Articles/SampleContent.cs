using Gazette.Hosting;
using Gazette.Settings.Contracts;

namespace Gazette.Articles;

/// <summary>
/// A fresh install shows a real article rather than an empty page: the sample
/// story (sample-article.md), published once, with the privacy and comment
/// policies drafted for an editor to review (<see cref="PolicyDrafts"/>). The claim is recorded in
/// settings first, so a restart, or a second node starting at the same moment,
/// never publishes it again; nor does a site that already has articles.
/// </summary>
public sealed class SampleContent(ArticlePublisher publisher, ISettings settings, PublicArticleReader reader, Permalinks links, IConfiguration configuration, TimeProvider time, ILogger<SampleContent> logger) : IStartupTask
{
    public const string EnabledKey = "Gazette:SampleContent";
    public const string ClaimKey = "site.sample_content_published_at";
    public const string Title = "China Outlines Five Goals for Antony Blinken’s Visit to Foster US Relations";
    public static readonly DateTimeOffset PublishedAt = new(2024, 4, 22, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The article published by this process, if it published one.</summary>
    public Article? Published { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
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
        logger.LogInformation("Published the sample article at {Url}", links.Of(Published));
        var siteTitle = configuration["Gazette:Site:Title"] ?? new Rendering.SiteOptions().Title;
        await publisher.CreateAsync(PolicyDrafts.Privacy(siteTitle, configuration.GetValue("Gazette:Discussion:RetentionDays", 30)), cancellationToken);
        await publisher.CreateAsync(PolicyDrafts.Comments(siteTitle), cancellationToken);
    }

    public string? Announce(string baseUrl) =>
        Published is { } sample ? $"Open the sample article: {baseUrl}{links.Of(sample)}" : null;

    private static async Task<string> ReadBodyAsync()
    {
        await using var stream = typeof(SampleContent).Assembly.GetManifestResourceStream("Gazette.Articles.sample-article.md")
            ?? throw new InvalidOperationException("The sample article is missing from the build.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
