using System.CommandLine;
using Gazette.Hosting;
using Gazette.Web;

namespace Gazette.Export;

/// <summary><c>gazette export wordpress</c>: the site as a WordPress export file, read through Articles' and Comments' export contracts.</summary>
public sealed class ExportModule : GazetteModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<WxrExport>();

    public override IEnumerable<Command> Commands(ICommandHost host) => [ExportCommand.Create(host)];
}
