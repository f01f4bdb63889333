using Microsoft.AspNetCore.Mvc;

namespace Gazette.Articles.Admin;

/// <summary>A minimal-API answer (the theme's preview page) returned from a page handler.</summary>
internal sealed class ResultAction(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}
