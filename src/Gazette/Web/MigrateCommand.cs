using System.CommandLine;
using Gazette.Hosting;
using Gazette.Storage;

namespace Gazette.Web;

public static class MigrateCommand
{
    public static Command Create(GazetteApp gazette)
    {
        var command = new Command("migrate", "Create the database if there is none, bring its schema up to date and exit. Publishes nothing.") { HostArguments.Database };
        command.SetAction((result, cancellationToken) => RunAsync(gazette, result, cancellationToken));
        return command;
    }

    private static Task<int> RunAsync(GazetteApp gazette, ParseResult result, CancellationToken cancellationToken) =>
        CommandFailure.Guard(async () =>
        {
            await using var app = gazette.Build(result);
            var applied = await app.Services.GetRequiredService<Preflight>().MigrateAsync(cancellationToken);
            var database = app.Services.GetRequiredService<Database>();
            Console.WriteLine(applied.Count == 0
                ? $"The {database.Url.Display} is up to date."
                : $"Applied {applied.Count} migration(s) to the {database.Url.Display}: {string.Join(", ", applied)}");
            return 0;
        });
}
