using System.CommandLine;
using System.Diagnostics;
using Gazette.Articles.Contracts;
using Gazette.Comments.Contracts;
using Gazette.Events;
using Gazette.Hosting;
using Gazette.Kernel;
using Gazette.Media.Contracts;

namespace Gazette.Articles;

/// <summary>
/// <c>gazette generate --articles N [--images M] [--discussion C]</c>: fills a site
/// with news for load tests and demos (<see cref="ArticleGenerator"/>): bylines of
/// members made without passwords, reader comment threads, for some articles a
/// drawn picture as the featured image, and on request a long discussion under
/// the sample article (the page the benchmarks measure). Pictures go into the library first,
/// each in its own unit of work; the articles and their comments follow, a
/// batch per transaction (one flush per batch), each article in its own savepoint.
/// </summary>
public static class GenerateCommand
{
    private const int MaxArticles = 1_000_000;
    private const int DefaultMaxImages = 50;

    private static readonly Option<int> Articles = new("--articles")
    {
        Description = $"How many articles to publish (1 to {MaxArticles}).",
        HelpName = "N",
        Required = true,
        CustomParser = OptionRange.Between(1, MaxArticles),
    };

    private static readonly Option<int> Seed = new("--seed")
    {
        Description = "Seed of the generator: the same seed makes the same articles.",
        HelpName = "S",
        DefaultValueFactory = _ => 1,
    };

    private static readonly Option<int?> Images = new("--images")
    {
        Description = $"How many articles get a drawn featured image, spread among them (0 to {MaxArticles}; default one in ten, at most {DefaultMaxImages}).",
        HelpName = "M",
        CustomParser = result => OptionRange.Between(0, MaxArticles)(result),
    };

    private static readonly Option<int?> Chinese = new("--chinese")
    {
        Description = "How many of the articles are stories of the China desk, written in Chinese, spread among them (default none).",
        HelpName = "K",
        CustomParser = result => OptionRange.Between(0, MaxArticles)(result),
    };

    private static readonly Option<int> Discussion = new("--discussion")
    {
        Description = $"How many approved comments to add under the sample article, as one discussion with replies (0 to {MaxDiscussion}; default none).",
        HelpName = "C",
        CustomParser = OptionRange.Between(0, MaxDiscussion),
    };

    private const int MaxDiscussion = 100_000;
    private const int BatchSize = 200;

    public static Command Create(ICommandHost host)
    {
        var command = new Command("generate", "Publish generated news (headlines of their section, bylines, comment threads, some pictures) for load tests and demos.")
        {
            Articles,
            Seed,
            Images,
            Chinese,
            Discussion,
            HostArguments.Database,
        };
        command.SetAction((result, cancellationToken) => RunAsync(host, result, cancellationToken));
        return command;
    }

    private static Task<int> RunAsync(ICommandHost host, ParseResult result, CancellationToken cancellationToken) =>
        CommandFailure.Guard(async () =>
        {
            var count = result.GetValue(Articles);
            var images = Math.Min(count, result.GetValue(Images) ?? Math.Min(count / 10, DefaultMaxImages));
            var chinese = Math.Min(count, result.GetValue(Chinese) ?? 0);
            await using var app = await host.StartAsync(result, cancellationToken);
            var services = app.Services;
            var units = services.GetRequiredService<UnitsOfWork>();
            var publisher = services.GetRequiredService<ArticlePublisher>();
            var comments = services.GetService<ICommentImport>();
            var library = services.GetService<IImageImport>();
            var time = services.GetRequiredService<TimeProvider>();
            var members = services.GetService<IBylineMembers>() is { } roster
                ? await roster.EnsureAsync(ArticleGenerator.Roster, cancellationToken)
                : new Dictionary<string, long>();
            var generator = new ArticleGenerator(result.GetValue(Seed), time.GetUtcNow());
            var clock = Stopwatch.StartNew();
            var progress = TerminalProgress.ForConsole();
            for (var done = 0; done < count;)
            {
                var batch = new List<GeneratedArticle>();
                for (var index = done; index < Math.Min(count, done + BatchSize); index++)
                {
                    var article = Spread(index, count, chinese) ? generator.NextChinese() : generator.Next();
                    var draft = article.Draft with { BylineMembers = members };
                    if (library is not null && Spread(index, count, images))
                    {
                        var picture = GeneratedPicture.Draw(article.ImageSeed, draft.Sections[0]);
                        using var stream = new MemoryStream(picture.Jpeg, writable: false);
                        var imported = await library.ImportAsync(stream, Normalized.Slug(draft.Title) + ".jpg", picture.Alt, "Illustration generated by Gazette", "", cancellationToken);
                        draft = draft with { FeaturedMediaId = imported.MediaId ?? throw new InvalidOperationException($"A generated picture was refused: {imported.Refusal}") };
                    }
                    batch.Add(article with { Draft = draft });
                }
                await using var work = await units.BeginAsync(cancellationToken);
                foreach (var article in batch)
                {
                    await work.StepAsync(async () =>
                    {
                        var id = await publisher.CreateAsync(work, article.Draft, cancellationToken);
                        if (comments is not null)
                        {
                            await AddCommentsAsync(work, comments, id, article, time.GetUtcNow(), cancellationToken);
                        }
                    }, cancellationToken);
                    done++;
                }
                await work.CommitAsync(cancellationToken);
                progress.Report($"{done:N0} of {count:N0} articles ({clock.Elapsed.TotalSeconds:F0} s)");
            }
            progress.Clear();
            Console.WriteLine($"{count} articles published ({clock.Elapsed.TotalSeconds:F0} s)");
            if (result.GetValue(Discussion) is > 0 and var discussion && comments is not null)
            {
                var sample = await services.GetRequiredService<PublicArticleReader>().FindPublishedAsync(Normalized.Slug(SampleContent.Title), cancellationToken)
                    ?? throw new StartupException("The sample article is not published here, so it cannot be given a discussion; leave out --discussion.");
                await AddDiscussionAsync(units, comments, sample, generator.Discussion(discussion), time.GetUtcNow(), cancellationToken);
                Console.WriteLine($"{discussion} comments added under the sample article");
            }
            return 0;
        });

    /// <summary>Whether article <paramref name="index"/> of <paramref name="count"/> is one of <paramref name="some"/> spread evenly among them.</summary>
    public static bool Spread(int index, int count, int some) =>
        some > 0 && (long)index * some / count != ((long)index + 1) * some / count;

    private static Task AddCommentsAsync(UnitOfWork work, ICommentImport comments, long articleId, GeneratedArticle article, DateTimeOffset now, CancellationToken cancellationToken) =>
        AddThreadAsync(work, comments, articleId, article.Draft.PublishedAt!.Value, article.Comments, [], now, cancellationToken);

    private static async Task AddDiscussionAsync(UnitsOfWork units, ICommentImport comments, Article sample, IReadOnlyList<GeneratedComment> discussion, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        foreach (var batch in discussion.Chunk(BatchSize * 10))
        {
            await using var work = await units.BeginAsync(cancellationToken);
            await AddThreadAsync(work, comments, sample.Id, sample.PublishedAt!.Value, batch, ids, now, cancellationToken);
            await work.CommitAsync(cancellationToken);
        }
    }

    /// <summary>Adds <paramref name="thread"/> after the comments already in <paramref name="ids"/>, whose indexes its replies use.</summary>
    private static async Task AddThreadAsync(UnitOfWork work, ICommentImport comments, long articleId, DateTimeOffset publishedAt, IEnumerable<GeneratedComment> thread, List<long> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var comment in thread)
        {
            var at = publishedAt + comment.After;
            ids.Add(await comments.AddApprovedAsync(work, new ImportedComment(
                articleId,
                comment.ReplyTo is { } parent ? ids[parent] : null,
                comment.Author,
                comment.Body,
                at < now ? at : now), cancellationToken));
        }
    }
}
