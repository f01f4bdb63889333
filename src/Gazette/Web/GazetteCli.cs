using System.CommandLine;
using System.CommandLine.Invocation;
using Gazette.Hosting;

namespace Gazette.Web;

/// <summary>
/// The command line of the one executable. Running it without a command serves
/// the site, which is also how the test host (WebApplicationFactory) starts it.
/// </summary>
public static class GazetteCli
{
    public static async Task<int> RunAsync(string[] args, IReadOnlyList<GazetteModule> modules)
    {
        var app = new GazetteApp(modules, args);
        var serve = ServeCommand.Create(app);
        var root = new RootCommand("Gazette: a self-hosted news publishing platform. Runs the site when no command is given. Any setting can also be given, anywhere on the line, as --Section:Key=value.")
        {
            serve,
            MigrateCommand.Create(app),
            DoctorCommand.Create(app),
            BackupCommands.Backup(app),
            BackupCommands.Restore(app),
        };
        foreach (var command in modules.SelectMany(module => module.Commands(app)))
        {
            root.Subcommands.Add(command);
        }
        foreach (var option in serve.Options)
        {
            root.Options.Add(option);
        }
        root.SetAction((result, cancellationToken) => ServeCommand.RunAsync(app, result, cancellationToken));

        var result = root.Parse(HostArguments.Split(args, root).CommandLine);
        if (result.Action is ParseErrorAction)
        {
            return CommandFailure.WrongArguments(result);
        }
        var invocation = new InvocationConfiguration
        {
            // The host's exceptions must reach WebApplicationFactory, which stops
            // the entry point by throwing; and ASP.NET handles Ctrl+C itself.
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        return await result.InvokeAsync(invocation);
    }
}
