using Gazette.Web;
using Gazette.Web.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Media.Admin;

/// <summary>The media library: the upload form, then every image newest first, searchable by file name and alt text.</summary>
[Authorize(Policy = NewsroomRole.Policies.Authors)]
public sealed class LibraryModel(MediaLibrary library) : AdminPageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public MediaPage Images { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Images = await library.ListAsync(Search, PageNumber, cancellationToken);

    public string Address(int page) =>
        "/admin/media?" + (string.IsNullOrWhiteSpace(Search) ? "" : "q=" + Uri.EscapeDataString(Search.Trim()) + "&") + "p=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
