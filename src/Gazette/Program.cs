using Gazette.Accounts;
using Gazette.Articles;
using Gazette.Comments;
using Gazette.Export;
using Gazette.Feeds;
using Gazette.Import;
using Gazette.Media;
using Gazette.NativeApi;
using Gazette.Related;
using Gazette.Search;
using Gazette.Settings;
using Gazette.Sitemaps;
using Gazette.Web;
using Gazette.WordPressLinks;
using Gazette.WordPressApi;

return await GazetteCli.RunAsync(args, Program.Modules);

/// <summary>The entry point, named for WebApplicationFactory&lt;Program&gt; in tests.</summary>
public partial class Program
{
    /// <summary>The features, each in its own folder. Adding one adds a line here.</summary>
    public static readonly IReadOnlyList<GazetteModule> Modules =
    [
        new AccountsModule(),
        new SettingsModule(),
        new ArticlesModule(),
        new CommentsModule(),
        new MediaModule(),
        new SearchModule(),
        new RelatedModule(),
        new FeedsModule(),
        new SitemapsModule(),
        new ExportModule(),
        new WordPressLinksModule(),
        new ImportModule(),
        new WordPressApiModule(),
        new NativeApiModule(),
    ];
}
