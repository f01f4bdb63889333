using Gazette.Web;
using Gazette.Web.Admin;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Accounts.Admin;

/// <summary>Ends this browser's session on the server (a GET only asks: state never changes on GET).</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = NewsroomRole.Policies.Contributors)]
public sealed class LogoutModel : AdminPageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await SessionSignIn.SignOutAsync(HttpContext, cancellationToken);
        return Redirect("/admin/login?loggedout=true");
    }
}
