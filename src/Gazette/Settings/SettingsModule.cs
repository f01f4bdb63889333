using Gazette.Settings.Contracts;
using Gazette.Web;

namespace Gazette.Settings;

/// <summary>Site settings that administrators edit, stored in the database.</summary>
public sealed class SettingsModule : GazetteModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<SettingsStore>();
        services.AddSingleton<ISettings>(sp => sp.GetRequiredService<SettingsStore>());
    }
}
