using Gazette.Web;

namespace Gazette.Accounts;

/// <summary>The newsroom's accounts (the admin and sign-in arrive with the newsroom issue).</summary>
public sealed class AccountsModule : GazetteModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<UserStore>();
}
