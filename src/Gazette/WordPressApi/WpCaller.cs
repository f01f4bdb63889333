using Gazette.Web;

namespace Gazette.WordPressApi;

/// <summary>The member of the newsroom a write comes from, or null.</summary>
public interface IWpCaller
{
    Task<NewsroomUser?> CallerAsync(HttpContext context);
}

/// <summary>
/// An application password over HTTP Basic auth, and nothing else: never the
/// session cookie, which would let another site's page write through a
/// signed-in member's browser. A wrong password is an anonymous caller, as in WordPress.
/// </summary>
public sealed class WpApplicationPasswordCaller : IWpCaller
{
    public Task<NewsroomUser?> CallerAsync(HttpContext context) => NewsroomUser.ApiCallerAsync(context);
}
