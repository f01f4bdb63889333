using System.CommandLine;
using System.Diagnostics;
using Gazette.Articles;
using Gazette.Hosting;
using Gazette.Seeding;

namespace Gazette.Cli;

/// <summary><c>gazette generate --articles N</c>: fills a site with plausible articles for load tests and demos.</summary>
public static class GenerateCommand
{
    private static readonly Option<int> Articles = new("--articles")
    {
        Description = "How many articles to publish.",
        Required = true,
    };

    private static readonly Option<int> Seed = new("--seed")
    {
        Description = "Seed of the generator: the same seed makes the same articles.",
        DefaultValueFactory = _ => 1,
    };

    public static Command Create()
    {
        var command = new Command("generate", "Publish generated articles (realistic bodies, sections, tags, bylines) for load tests and demos.")
        {
            Articles,
            Seed,
            HostArguments.Database,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(RunAsync);
        return command;
    }

    private static Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken) =>
        CommandFailure.Guard(async () =>
        {
            var count = result.GetValue(Articles);
            if (count is < 1 or > 1_000_000)
            {
                throw new CliUsageException($"--articles must be between 1 and 1000000, not {count}.");
            }
            await using var app = GazetteApp.Build(HostArguments.From(result));
            await app.Services.GetRequiredService<Preflight>().RunAsync(cancellationToken);
            var publisher = app.Services.GetRequiredService<ArticlePublisher>();
            var generator = new ArticleGenerator(result.GetValue(Seed), app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
            var clock = Stopwatch.StartNew();
            for (var i = 1; i <= count; i++)
            {
                await publisher.CreateAsync(generator.Next(), cancellationToken);
                if (i % 1000 == 0 || i == count)
                {
                    Console.WriteLine($"{i} articles published ({clock.Elapsed.TotalSeconds:F0} s)");
                }
            }
            return 0;
        });
}
