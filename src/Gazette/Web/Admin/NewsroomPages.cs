using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.FileProviders;

namespace Gazette.Web.Admin;

/// <summary>
/// The newsroom's Razor Pages. They live in their features' folders (a page's
/// <c>@page "/path"</c> is absolute, and mapping them into the Admin group puts
/// <c>/admin</c> in front), so the root directory is the project itself. The
/// group's endpoint filters do not run for pages: <see cref="NoStore"/> gives
/// them the group's <c>no-store</c>, and Razor Pages check antiforgery on every
/// POST by themselves.
/// </summary>
public static class NewsroomPages
{
    public static readonly StaticFileOptions Assets = new()
    {
        FileProvider = new ManifestEmbeddedFileProvider(typeof(NewsroomPages).Assembly, "Web/Admin/assets"),
        RequestPath = "/admin/assets",
        // Revalidated on each use (ETag), so a new release's stylesheet is never stale.
        OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
    };

    public static IServiceCollection AddNewsroomPages(this IServiceCollection services)
    {
        services.AddSingleton<NewsroomTime>();
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/";
            options.Conventions.ConfigureFilter(new NoStore());
            options.Conventions.ConfigureFilter(new RefuseForgeries());
        });
        return services;
    }

    /// <summary>
    /// The antiforgery middleware has already judged the token (the group asks it
    /// to); a forged post gets the group's "Form expired" page before Razor Pages'
    /// own check would read the form again.
    /// </summary>
    private sealed class RefuseForgeries : IAsyncAuthorizationFilter, IOrderedFilter
    {
        public int Order => 0;

        public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
        {
            if (RouteGroups.IsForged(context.HttpContext))
            {
                context.Result = new ResultAction(await RouteGroups.ForgeryRefusalAsync(context.HttpContext));
            }
        }
    }

    private sealed class NoStore : IResultFilter
    {
        public void OnResultExecuting(ResultExecutingContext context) => context.HttpContext.Response.Headers.CacheControl = "no-store";

        public void OnResultExecuted(ResultExecutedContext context)
        {
        }
    }
}
