namespace Gazette.Web.Admin;

/// <summary>An answer made for minimal APIs (a theme page: a notice, a preview) returned from a Razor page or filter.</summary>
public sealed class ResultAction(IResult result) : Microsoft.AspNetCore.Mvc.IActionResult
{
    public Task ExecuteResultAsync(Microsoft.AspNetCore.Mvc.ActionContext context) => result.ExecuteAsync(context.HttpContext);
}
