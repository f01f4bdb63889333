using Gazette.Rendering;
using Gazette.Web.Admin;

namespace Gazette.Articles.Admin;

/// <summary>The live desk's pages: their refusals are the article editor's (403, 404 as notices).</summary>
public abstract class LiveFormPageModel(PageRenderer pages) : AdminPageModel
{
    protected async Task<Microsoft.AspNetCore.Mvc.IActionResult> RefusedAsync(LiveOutcome outcome, CancellationToken cancellationToken) =>
        new ResultAction(outcome == LiveOutcome.Forbidden
            ? await pages.NoticeAsync(StatusCodes.Status403Forbidden, "Not allowed", "Your role does not allow this for this article.", "/admin/articles", cancellationToken)
            : await pages.NoticeAsync(StatusCodes.Status404NotFound, "No such article or entry",
                "There is no article or entry with this number: it may have been deleted.", "/admin/articles", cancellationToken));
}
