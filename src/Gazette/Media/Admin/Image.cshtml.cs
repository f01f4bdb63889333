using System.Globalization;
using Gazette.Web;
using Gazette.Web.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Media.Admin;

/// <summary>One image: its words (alt, caption, credit, rights) and focal point to change, the Markdown to copy into an article, and delete.</summary>
[Authorize(Policy = NewsroomRole.Policies.Authors)]
public sealed class ImageModel(MediaLibrary library) : AdminPageModel
{
    public MediaItem Item { get; private set; } = null!;

    [BindProperty(Name = MediaFields.Alt)]
    public string? Alt { get; set; }

    [BindProperty(Name = MediaFields.Caption)]
    public string? Caption { get; set; }

    [BindProperty(Name = MediaFields.Credit)]
    public string? Credit { get; set; }

    [BindProperty(Name = MediaFields.Rights)]
    public string? Rights { get; set; }

    [BindProperty(Name = "focalx")]
    public string? FocalX { get; set; }

    [BindProperty(Name = "focaly")]
    public string? FocalY { get; set; }

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await library.GetAsync(id, cancellationToken) is not { } item)
        {
            return NotFound();
        }
        Show(item);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (await library.GetAsync(id, cancellationToken) is not { } item)
        {
            return NotFound();
        }
        Item = item;
        if (!TryFocal(FocalX, out var x) || !TryFocal(FocalY, out var y))
        {
            return Refused(new Dictionary<string, string> { [MediaFields.Focal] = "Give the focal point as two numbers from 0 to 1 (0.5 and 0.5 is the centre)." });
        }
        var outcome = await library.UpdateAsync(Member, id, new MediaMetadata(Alt, Caption, Credit, Rights, x, y), cancellationToken);
        if (!outcome.Succeeded)
        {
            return Refused(outcome.Errors, outcome.Status);
        }
        Flash = "Saved.";
        return Redirect($"/admin/media/{id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken)
    {
        var outcome = await library.DeleteAsync(Member, id, cancellationToken);
        if (outcome.Status == MediaOutcomeStatus.NotFound)
        {
            return NotFound();
        }
        if (!outcome.Succeeded)
        {
            Show((await library.GetAsync(id, cancellationToken))!);
            return Refused(outcome.Errors, outcome.Status);
        }
        Flash = $"Deleted {outcome.Item!.OriginalName}.";
        return Redirect("/admin/media");
    }

    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult Refused(IReadOnlyDictionary<string, string> errors, MediaOutcomeStatus status = MediaOutcomeStatus.Invalid)
    {
        Errors = errors;
        Response.StatusCode = status == MediaOutcomeStatus.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private static bool TryFocal(string? text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value is >= 0 and <= 1;

    private void Show(MediaItem item)
    {
        Item = item;
        Alt = item.AltText;
        Caption = item.Caption;
        Credit = item.Credit;
        Rights = item.UsageRights;
        FocalX = item.FocalX.ToString("0.###", CultureInfo.InvariantCulture);
        FocalY = item.FocalY.ToString("0.###", CultureInfo.InvariantCulture);
    }
}
