using System.CommandLine;
using Gazette.Hosting;
using Gazette.Kernel;

namespace Gazette.Web;

public static class DoctorCommand
{
    public static Command Create(GazetteApp gazette)
    {
        var command = new Command("doctor", "Check the site without serving it: the database and its migrations, the configuration and where each value came from, the folders, the secret and keys, the public address, the clock and Redis. One line per check; exits 1 if any FAILs.")
        {
            ServeCommand.Urls,
            HostArguments.Database,
        };
        command.SetAction((result, cancellationToken) => RunAsync(gazette, result, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(GazetteApp gazette, ParseResult result, CancellationToken cancellationToken)
    {
        IReadOnlyList<DoctorLine> lines;
        try
        {
            // Quiet: the lines are the report; a log line among them would read as one.
            await using var app = gazette.Build(result, ("urls", result.GetValue(ServeCommand.Urls)), ("Logging:LogLevel:Default", "Warning"));
            lines = await new SiteDoctor(app.Services, app.Configuration, app.Services.GetRequiredService<TimeProvider>()).RunAsync(cancellationToken);
        }
        catch (StartupException ex)
        {
            lines = [DoctorLine.Fail("configuration", ex.Message)];
        }
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }
        return lines.Any(line => line.Verdict == DoctorVerdict.Fail) ? CommandFailure.StartupFailed : 0;
    }
}
