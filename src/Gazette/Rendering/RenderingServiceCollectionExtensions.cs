namespace Gazette.Rendering;

public static class RenderingServiceCollectionExtensions
{
    public static IServiceCollection AddGazetteRendering(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SiteOptions>(configuration.GetSection(SiteOptions.Section));
        services.AddSingleton<SiteTime>();
        services.AddSingleton<ThemeRenderer>();
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<PageRenderer>();
        services.AddSingleton<PageSlotSet>();
        return services;
    }

    /// <summary>
    /// A part of every page joined as pages are served (<see cref="IPageSlot"/>); the layout
    /// prints <c>{{ slots.NAME }}</c> where it goes. <paramref name="name"/>: lower-case letters.
    /// </summary>
    public static IServiceCollection AddPageSlot<TSlot>(this IServiceCollection services, string name)
        where TSlot : class, IPageSlot
    {
        services.AddSingleton(new PageSlot(name, typeof(TSlot)));
        services.AddSingleton<TSlot>();
        return services;
    }

    /// <summary>Lets templates read these view models' members (snake_case); nothing else is reachable from a template.</summary>
    public static IServiceCollection AddThemeModels(this IServiceCollection services, params Type[] types)
    {
        foreach (var type in types)
        {
            services.AddSingleton(new ThemeModel(type));
        }
        return services;
    }
}
