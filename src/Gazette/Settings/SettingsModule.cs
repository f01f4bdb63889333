using Gazette.Events;
using Gazette.Hosting;
using Gazette.Settings.Contracts;
using Gazette.Web;
using Gazette.Web.Admin;

namespace Gazette.Settings;

/// <summary>
/// Site settings that administrators edit, stored in the database and read as
/// configuration beneath every other source (configuration wins, and shows as
/// locked on the settings page).
/// </summary>
public sealed class SettingsModule : GazetteModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        var source = new DatabaseConfigurationSource();
        if (configuration is IConfigurationBuilder builder)
        {
            builder.Sources.Insert(0, source);
        }
        services.AddSingleton(source);
        services.AddSingleton<SettingsStore>();
        services.AddSingleton<ISettings>(sp => sp.GetRequiredService<SettingsStore>());
        services.AddSingleton<SettingsEditor>();
        services.AddSingleton<SettingsReloader>();
        services.AddSingleton<IStartupTask>(sp => sp.GetRequiredService<SettingsReloader>());
        services.AddSingleton<IStoredConfiguration>(sp => sp.GetRequiredService<SettingsReloader>());
        services.AddEvent<SettingsChanged>("settings.changed");
        services.AddSingleton<INodeSubscriber<SettingsChanged>>(sp => sp.GetRequiredService<SettingsReloader>());
        foreach (var setting in SiteSettings.All)
        {
            services.AddSingleton(setting);
        }
        services.AddAdminMenuItem(new AdminMenuItem("Settings", "/admin/settings", NewsroomRole.Administrator, 90));
    }
}
