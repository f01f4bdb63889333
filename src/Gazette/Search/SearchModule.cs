using System.CommandLine;
using Gazette.Articles.Contracts;
using Gazette.Events;
using Gazette.Hosting;
using Gazette.Rendering;
using Gazette.Search.Contracts;
using Gazette.Storage;
using Gazette.Web;

namespace Gazette.Search;

/// <summary>Full-text search over public articles and pages: the index, kept by the event log, and the /search page.</summary>
public sealed class SearchModule : GazetteModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<SearchEngine>(sp => sp.GetRequiredService<Database>().Dialect == SqlDialect.Postgres
            ? new PostgresSearchEngine()
            : new SqliteSearchEngine());
        services.AddPublicArticleProjection<SearchIndex>();
        services.AddEvent<SearchIndexChanged>("search.changed");
        services.AddNodeSubscriber<SearchIndexChanged, SearchCacheEviction>();
        services.AddSingleton<ISiteSearch, SiteSearch>();
        services.AddThemeModels(typeof(SearchView), typeof(SearchResultView), typeof(SnippetPart));
    }

    public override void MapEndpoints(RouteGroups groups) => SearchPage.Map(groups);

    public override IEnumerable<Command> Commands(ICommandHost host) => [SearchCommand.Create(host)];
}
