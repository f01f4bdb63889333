using System.CommandLine;
using System.Diagnostics;
using Gazette.Events;
using Gazette.Hosting;

namespace Gazette.Articles;

/// <summary>
/// <c>gazette generate --articles N</c>: fills a site with plausible articles for
/// load tests and demos, a batch of them per transaction (one flush per batch,
/// not per article), each in its own savepoint.
/// </summary>
public static class GenerateCommand
{
    private const int MaxArticles = 1_000_000;

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

    private const int BatchSize = 200;

    public static Command Create(ICommandHost host)
    {
        var command = new Command("generate", "Publish generated articles (realistic bodies, sections, tags, bylines) for load tests and demos.")
        {
            Articles,
            Seed,
            HostArguments.Database,
        };
        command.SetAction((result, cancellationToken) => RunAsync(host, result, cancellationToken));
        return command;
    }

    private static Task<int> RunAsync(ICommandHost host, ParseResult result, CancellationToken cancellationToken) =>
        CommandFailure.Guard(async () =>
        {
            var count = result.GetValue(Articles);
            await using var app = await host.StartAsync(result, cancellationToken);
            var units = app.Services.GetRequiredService<UnitsOfWork>();
            var publisher = app.Services.GetRequiredService<ArticlePublisher>();
            var generator = new ArticleGenerator(result.GetValue(Seed), app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
            var clock = Stopwatch.StartNew();
            for (var done = 0; done < count;)
            {
                await using var batch = await units.BeginAsync(cancellationToken);
                for (var end = Math.Min(count, done + BatchSize); done < end; done++)
                {
                    await batch.StepAsync(() => publisher.CreateAsync(batch, generator.Next().Draft, cancellationToken), cancellationToken);
                }
                await batch.CommitAsync(cancellationToken);
                if (done % 1000 == 0 || done == count)
                {
                    Console.WriteLine($"{done} articles published ({clock.Elapsed.TotalSeconds:F0} s)");
                }
            }
            return 0;
        });
}
