using System.CommandLine;
using Gazette.Accounts.Contracts;
using Gazette.Articles.Contracts;
using Gazette.Hosting;
using Gazette.Jobs;
using Gazette.Web;
using Gazette.Web.Admin;

namespace Gazette.Accounts;

/// <summary>
/// The newsroom's accounts: roles, passwords, the first administrator and
/// <c>gazette user</c> and signing in to the newsroom (server-side sessions behind the cookie, throttled logins)
/// and to the APIs (application passwords over HTTP Basic auth).
/// </summary>
public sealed class AccountsModule : GazetteModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<UserStore>();
        services.AddSingleton<AccountEditor>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<INewsroomNames, NewsroomNames>();
        services.AddSingleton<IBylineMembers, BylineMembers>();
        services.AddSingleton<IMemberImport, MemberImport>();
        services.AddSingleton<PasswordLinks>();
        services.AddSingleton<IPasswordLinks>(provider => provider.GetRequiredService<PasswordLinks>());
        services.AddSingleton<IMemberContacts, MemberContacts>();
        services.AddSingleton<IAuthorDirectory, AuthorDirectory>();
        services.AddPeriodicJob<ExpiredSessionsJob>();
        services.AddSingleton<IStartupTask, FirstAdministrator>();
        services.AddSessionSignIn();
        services.AddSingleton<ApplicationPasswordStore>();
        services.AddAuthentication().AddScheme<ApplicationPasswordOptions, ApplicationPasswordHandler>(SignIn.ApiScheme, _ => { });
        services.AddAdminMenuItem(new AdminMenuItem("Dashboard", "/admin/", NewsroomRole.Contributor, 0));
        services.AddAdminMenuItem(new AdminMenuItem("Users", "/admin/users", NewsroomRole.Administrator, 80));
    }

    public override IEnumerable<Command> Commands(ICommandHost host) => [UserCommand.Create(host)];
}
