using System.CommandLine;
using Gazette.Hosting;

namespace Gazette.Search;

/// <summary><c>gazette search rebuild</c>: empties the index and builds it again from the public articles and pages, before returning.</summary>
public static class SearchCommand
{
    public static Command Create(ICommandHost host)
    {
        var rebuild = new Command("rebuild", "Rebuild the search index from the published articles and pages (after a restore, or if it seems wrong).") { HostArguments.Database };
        rebuild.SetAction((result, cancellationToken) => CommandFailure.Guard(async () =>
        {
            await using var app = await host.StartAsync(result, cancellationToken, ("Logging:LogLevel:Default", "Warning"));
            var index = app.Services.GetRequiredService<SearchIndex>();
            await index.ResetAsync(cancellationToken);
            while (await index.BuildStepAsync(cancellationToken))
            {
            }
            Console.WriteLine("The search index was rebuilt.");
            return 0;
        }));
        return new Command("search", "Manage the search index.") { rebuild };
    }
}
