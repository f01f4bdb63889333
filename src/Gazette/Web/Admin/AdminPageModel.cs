using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gazette.Web.Admin;

/// <summary>The base of every newsroom page: who is signed in, and a message carried over a redirect.</summary>
public abstract class AdminPageModel : PageModel
{
    public NewsroomUser Member => field ??= NewsroomUser.Of(HttpContext);

    /// <summary>Times as this newsroom reads them (the site's time zone).</summary>
    public NewsroomTime Time => field ??= HttpContext.RequestServices.GetRequiredService<NewsroomTime>();

    /// <summary>What the last action did ("Saved."), shown once at the top of the next page.</summary>
    [Microsoft.AspNetCore.Mvc.TempData]
    public string? Flash { get; set; }
}
