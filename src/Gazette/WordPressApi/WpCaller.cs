using Gazette.Web;

namespace Gazette.WordPressApi;

/// <summary>The member of the newsroom a write comes from (HTTP Basic with an application password), or null.</summary>
public interface IWpCaller
{
    Task<NewsroomUser?> CallerAsync(HttpContext context);
}

/// <summary>
/// Callers are authenticated by application passwords only, never by the
/// session cookie (a cookie would let another site's page write through the
/// reader's browser); until a site has them, every caller is anonymous.
/// </summary>
public sealed class WpAnonymousCaller : IWpCaller
{
    public Task<NewsroomUser?> CallerAsync(HttpContext context) => Task.FromResult<NewsroomUser?>(null);
}
