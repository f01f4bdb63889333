using Gazette.Articles.Contracts;
using Gazette.Web;

namespace Gazette.WordPressLinks;

/// <summary>
/// A moved-in WordPress site's old addresses answer 301 to their new home
/// (<see cref="WordPressQueryLinks"/> on the home page's query, <see cref="WordPressPathLinks"/>
/// for paths), asked by Articles only where Gazette itself has nothing.
/// </summary>
public sealed class WordPressLinksModule : GazetteModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<WordPressPaging>();
        services.AddSingleton<IOldLinks, WordPressQueryLinks>();
        services.AddSingleton<IOldLinks, WordPressPathLinks>();
    }
}
