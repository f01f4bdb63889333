using System.CommandLine;
using Gazette.Hosting;
using Gazette.Import.Contracts;
using Gazette.Web;

namespace Gazette.Import;

/// <summary>Moving in from another platform: <c>gazette import wordpress</c>, through the other features' import contracts, and the map of what each old thing became.</summary>
public sealed class ImportModule : GazetteModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<WordPressImport>();
        services.AddSingleton<IImportedNames, ImportedNames>();
    }

    public override IEnumerable<Command> Commands(ICommandHost host) => [ImportCommand.Create(host)];
}
