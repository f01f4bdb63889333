using Gazette.Web;
using Gazette.Web.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Media.Admin;

/// <summary>
/// The upload form without script: a plain multipart post. It has a page of
/// its own because POST <c>/admin/media</c> is the drag-and-drop endpoint's
/// (JSON answers); a refused upload comes back here with the alt text kept.
/// </summary>
[Authorize(Policy = NewsroomRole.Policies.Authors)]
[RequestSizeLimit(ImageIntake.MaxBytes + RequestSlack)]
[RequestFormLimits(MultipartBodyLengthLimit = ImageIntake.MaxBytes + RequestSlack)]
public sealed class UploadModel(MediaLibrary library) : AdminPageModel
{
    /// <summary>The multipart envelope and the alt text around a 10 MB file.</summary>
    private const long RequestSlack = 64 * 1024;

    [BindProperty(Name = MediaFields.Alt)]
    public string? Alt { get; set; }

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            var errors = new Dictionary<string, string> { [MediaFields.File] = ImageIntake.NoFile };
            if (string.IsNullOrWhiteSpace(Alt))
            {
                errors[MediaFields.Alt] = "Describe the image for readers who cannot see it (alt text).";
            }
            Errors = errors;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        await using var stream = file.OpenReadStream();
        var outcome = await library.UploadAsync(Member, stream, file.FileName, Alt, cancellationToken);
        if (outcome.Succeeded)
        {
            Flash = outcome.Reused ? "This image was already in the library." : "Uploaded.";
            return Redirect($"/admin/media/{outcome.Item!.Id}");
        }
        Errors = outcome.Errors;
        Response.StatusCode = outcome.Status == MediaOutcomeStatus.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
