using System.CommandLine;
using Gazette.Articles.Contracts;
using Gazette.Hosting;
using Gazette.Jobs;
using Gazette.Web;

namespace Gazette.Accounts;

/// <summary>
/// The newsroom's accounts: roles, passwords, the first administrator and
/// <c>gazette user</c> (the admin screens and sign-in arrive with the newsroom issue).
/// </summary>
public sealed class AccountsModule : GazetteModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<UserStore>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<INewsroomNames, NewsroomNames>();
        services.AddPeriodicJob<ExpiredSessionsJob>();
        services.AddSingleton<IStartupTask, FirstAdministrator>();
    }

    public override IEnumerable<Command> Commands(ICommandHost host) => [UserCommand.Create(host)];
}
