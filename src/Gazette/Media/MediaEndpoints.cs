using Gazette.Caching;
using Gazette.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Gazette.Media;

/// <summary>
/// Serving media files to everyone, and the newsroom's upload for the
/// drag-and-drop script (JSON answers; the library page's own form will post to it too).
/// </summary>
public static class MediaEndpoints
{
    /// <summary>Content-hashed names never change their bytes: a year, and browsers need not even revalidate.</summary>
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    /// <summary>The multipart envelope and the alt text around a 10 MB file.</summary>
    private const long RequestSlack = 64 * 1024;

    public static void Map(RouteGroups groups)
    {
        // Public API, not Public: a file is no theme page (no page CSP, no theme 404), and the
        // group's CSP, default-src 'none', keeps an image opened on its own from running anything.
        // Not in the page cache: files come from disk, and browsers and proxies keep them forever.
        groups.PublicApi.MapGet("/media/{name}", Serve)
            .NotCached();
        groups.Admin.MapPost("/media", UploadAsync)
            .RequireAuthorization(NewsroomRole.Policies.Authors)
            .WithMetadata(new RequestSizeLimitAttribute(ImageIntake.MaxBytes + RequestSlack))
            .WithMetadata(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = ImageIntake.MaxBytes + RequestSlack });
    }

    private static async Task<IResult> Serve(string name, MediaFolder folder, MediaLibrary library, HttpContext context)
    {
        if (!MediaNames.IsValid(name))
        {
            return Results.NotFound();
        }
        var file = folder.Find(name);
        if (!file.Exists)
        {
            // A crop is made the first time it is asked for; any other missing file is simply not there.
            if (MediaNames.CropOf(name) is null || !await library.MakeCropAsync(name, context.RequestAborted))
            {
                return Results.NotFound();
            }
            file = folder.Find(name);
        }
        context.Response.Headers.CacheControl = ImmutableCacheControl;
        return Results.File(file.FullName, MediaNames.ContentType(name), lastModified: file.LastWriteTimeUtc, entityTag: new EntityTagHeaderValue("\"" + name + "\""));
    }

    private static async Task<IResult> UploadAsync(HttpContext context, MediaLibrary library)
    {
        var request = context.Request;
        if (request.ContentLength > ImageIntake.MaxBytes + RequestSlack)
        {
            return Problem(MediaOutcome.Invalid(MediaFields.File, ImageIntake.TooLarge));
        }
        if (!request.HasFormContentType)
        {
            return Problem(MediaOutcome.Invalid(MediaFields.File, ImageIntake.NoFile));
        }
        var form = await request.ReadFormAsync(context.RequestAborted);
        var file = form.Files.GetFile(MediaFields.File);
        if (file is null)
        {
            return Problem(MediaOutcome.Invalid(MediaFields.File, ImageIntake.NoFile));
        }
        await using var stream = file.OpenReadStream();
        var outcome = await library.UploadAsync(NewsroomUser.Of(context), stream, file.FileName, form[MediaFields.Alt], context.RequestAborted);
        if (!outcome.Succeeded)
        {
            return Problem(outcome);
        }
        var item = outcome.Item!;
        var image = ResponsiveImage.For(item);
        return Results.Created(item.Url, new
        {
            id = item.Id,
            url = item.Url,
            name = item.Name,
            width = item.Width,
            height = item.Height,
            src = image.Src,
            srcset = image.SrcSet,
            sizes = image.Sizes,
            alt = item.AltText,
            markdown = $"![{item.AltText.Replace("]", "\\]", StringComparison.Ordinal)}]({item.Url})",
            reused = outcome.Reused,
        });
    }

    private static IResult Problem(MediaOutcome outcome) => outcome.Status switch
    {
        MediaOutcomeStatus.Forbidden => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: outcome.Errors[MediaFields.Form]),
        _ => Results.ValidationProblem(
            outcome.Errors.ToDictionary(error => error.Key, error => new[] { error.Value }),
            title: "The image was not uploaded"),
    };
}
