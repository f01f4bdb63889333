using Gazette.Media.Contracts;
using Gazette.Rendering;
using Gazette.Web;
using Microsoft.Net.Http.Headers;

namespace Gazette.WordPressApi;

/// <summary>
/// <c>POST /wp/v2/media</c>: an image sent as the raw body with
/// <c>Content-Disposition: attachment; filename=…</c>, or as the <c>file</c> of
/// a multipart form, as WordPress takes both; through the library's own intake
/// (<see cref="IMediaUploads"/>), which needs the words a reader who cannot see
/// the image hears (<c>alt_text</c>) as the upload page does. The answer is the
/// image as <c>GET /wp/v2/media/{id}</c> shows it, so a client can set it as a post's <c>featured_media</c>.
/// </summary>
public static class WpMediaWrites
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/wp/v2/media", (HttpContext http, IMediaUploads uploads, IMediaCatalog catalog) => CreateAsync(http, uploads, catalog));
    }

    private static IResult NoData() => WpError.Of("rest_upload_no_data", "No data supplied.", StatusCodes.Status400BadRequest);

    private static async Task<IResult> CreateAsync(HttpContext http, IMediaUploads uploads, IMediaCatalog catalog)
    {
        WpNoStore.Mark(http);
        var caller = await NewsroomUser.ApiCallerAsync(http);
        if (caller is null)
        {
            return WpError.Of("rest_cannot_create", "Sorry, you are not allowed to create posts as this user.", StatusCodes.Status401Unauthorized);
        }
        if (!caller.CanUpload)
        {
            return WpError.Of("rest_cannot_create", "Sorry, you are not allowed to upload media on this site.", StatusCodes.Status403Forbidden);
        }
        var (body, refusal) = await WpWriteParams.ReadAsync(http.Request, http.RequestServices.GetRequiredService<SiteTime>());
        if (body is null)
        {
            return refusal!;
        }
        // A client that names the image but gives no alt text has its title taken, as the import takes an attachment's.
        var alt = body.Text("alt_text") is { Length: > 0 } given ? given : body.Text("title");
        var caption = body.Text("caption");
        if (!body.IsValid)
        {
            return WpError.InvalidParams(body.Problems);
        }
        var (file, fileName, problem) = await FileAsync(http.Request);
        if (problem is not null)
        {
            return problem;
        }
        var result = await uploads.UploadAsync(caller, new MediaUpload(file!, fileName, alt, caption), http.RequestAborted);
        switch (result.Outcome)
        {
            case UploadOutcome.Forbidden:
                return WpError.Of("rest_cannot_create", "Sorry, you are not allowed to upload media on this site.", StatusCodes.Status403Forbidden);
            case UploadOutcome.Empty:
                return NoData();
            case UploadOutcome.TooLarge:
                return WpError.Of("rest_upload_file_too_big", result.Problem!, StatusCodes.Status400BadRequest);
            case UploadOutcome.NotAnImage:
                // WordPress answers its sideload errors with a 500; the file is the client's mistake, so a 400 here.
                return WpError.Of("rest_upload_sideload_error", result.Problem!, StatusCodes.Status400BadRequest);
            case UploadOutcome.Invalid:
                return WpError.InvalidParams(new Dictionary<string, WpProblem>
                {
                    [result.Field == UploadFields.Caption ? "caption" : "alt_text"] = new("rest_invalid_param", result.Problem!),
                });
        }
        var image = await catalog.FindAsync(result.MediaId!.Value, http.RequestAborted);
        var links = new WpLinks(http.RequestServices.GetRequiredService<PageRenderer>().Absolute(http.Request, ""));
        http.Response.Headers.Location = links.Route("media", image!.Id);
        return WpJson.Result(WpShapes.Media(image, links, http.RequestServices.GetRequiredService<SiteTime>()), StatusCodes.Status201Created);
    }

    /// <summary>The file and its name, from the form's <c>file</c> or the raw body, or WordPress's refusal for what is missing.</summary>
    private static async Task<(Stream? File, string? Name, IResult? Problem)> FileAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return form.Files.GetFile("file") is { Length: > 0 } upload ? (upload.OpenReadStream(), upload.FileName, null) : (null, null, NoData());
        }
        if (string.IsNullOrEmpty(request.ContentType))
        {
            return (null, null, WpError.Of("rest_upload_no_content_type", "No Content-Type supplied.", StatusCodes.Status400BadRequest));
        }
        var disposition = request.Headers.ContentDisposition.ToString();
        if (disposition.Length == 0)
        {
            return (null, null, WpError.Of("rest_upload_no_content_disposition", "No Content-Disposition supplied.", StatusCodes.Status400BadRequest));
        }
        var name = ContentDispositionHeaderValue.TryParse(disposition, out var parsed)
            ? HeaderUtilities.RemoveQuotes(parsed.FileNameStar.HasValue ? parsed.FileNameStar : parsed.FileName).Value
            : null;
        if (string.IsNullOrWhiteSpace(name))
        {
            return (null, null, WpError.Of("rest_upload_invalid_disposition",
                "Invalid Content-Disposition supplied. Content-Disposition needs to be formatted as `attachment; filename=\"image.png\"` or similar.",
                StatusCodes.Status400BadRequest));
        }
        return (request.Body, name, null);
    }
}
