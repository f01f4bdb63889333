using System.CommandLine;
using Gazette.Hosting;

namespace Gazette.Web;

/// <summary>
/// One feature's room. A module registers its services and template view
/// models, maps its endpoints into the route groups, brings its commands, and
/// owns the migrations in its folder's <c>Migrations/{sqlite,postgres}/</c>.
/// <c>Program.cs</c> lists the modules; adding a feature adds one line there.
/// </summary>
public abstract class GazetteModule
{
    /// <summary>The embedded-resource prefix of this module's migration scripts (its namespace's Migrations folder).</summary>
    public string MigrationsPrefix => GetType().Namespace + ".Migrations";

    public virtual void AddServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public virtual void MapEndpoints(RouteGroups groups)
    {
    }

    public virtual IEnumerable<Command> Commands(ICommandHost host) => [];
}
