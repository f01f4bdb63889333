using System.Security.Cryptography;
using Gazette.Rendering;
using Gazette.Storage;

namespace Gazette.Web;

/// <summary>
/// What a reader gets when a request fails in a way no endpoint answered for:
/// never an empty body, always a sentence, the security headers, and a page in
/// the theme (problem+json in the API groups).
/// <list type="bullet">
/// <item>A request the server cannot read (a malformed or oversized form): 400 or 413, one log line.</item>
/// <item>Storage that fails (full disk, read-only file system, database down): 503 with Retry-After, one log line.</item>
/// <item>Anything else: 500 with a short reference that is also in the log, beside the stack trace.</item>
/// <item>An error status some part answered with no body: the same page for that status.</item>
/// </list>
/// </summary>
public sealed partial class ErrorPages(RequestDelegate next, ILogger<ErrorPages> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
            var response = context.Response;
            if (response.StatusCode >= StatusCodes.Status400BadRequest && !response.HasStarted && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
            {
                await EmptyStatusAsync(context);
            }
        }
        catch (Exception ex) when (context.RequestAborted.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            // The reader went away; there is nobody to answer.
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            await AnswerAsync(context, ex);
        }
    }

    private async Task AnswerAsync(HttpContext context, Exception exception)
    {
        var reference = Convert.ToHexString(RandomNumberGenerator.GetBytes(4));
        var request = context.Request;
        var answer = Classify(exception, HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method));
        switch (answer.Status)
        {
            case StatusCodes.Status500InternalServerError:
                LogUnhandled(exception, reference, request.Method, request.Path);
                break;
            case StatusCodes.Status503ServiceUnavailable:
                break;
            default:
                LogRefused(answer.Status, request.Method, request.Path, OneLine(exception.Message));
                break;
        }

        context.Response.Clear();
        context.Response.StatusCode = answer.Status;
        context.Response.Headers.CacheControl = HtmlPage.Private;
        if (answer.Status == StatusCodes.Status503ServiceUnavailable)
        {
            StorageFailureAnswer.Prepare(context, exception, reference);
        }
        var message = answer.Status == StatusCodes.Status500InternalServerError
            ? $"{answer.Message} If it keeps happening, give the site’s operator this reference: {reference}."
            : answer.Message;
        if (context.GetEndpoint()?.Metadata.GetMetadata<TrustGroupMetadata>()?.Group is TrustGroup.Api or TrustGroup.PublicApi)
        {
            await Results.Problem(statusCode: answer.Status, title: answer.Heading, detail: message,
                extensions: new Dictionary<string, object?> { ["reference"] = reference }).ExecuteAsync(context);
            return;
        }
        var page = await context.RequestServices.GetRequiredService<PageRenderer>().ErrorAsync(answer.Status, answer.Heading, message);
        await page.ExecuteAsync(context);
    }

    /// <summary>
    /// For an error status answered with no body (a method the route does not take,
    /// a request the framework refused): the same page, or problem+json in the API groups.
    /// </summary>
    private static async Task EmptyStatusAsync(HttpContext context)
    {
        var code = context.Response.StatusCode;
        var reason = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(code);
        if (context.GetEndpoint()?.Metadata.GetMetadata<TrustGroupMetadata>()?.Group is TrustGroup.Api or TrustGroup.PublicApi)
        {
            await Results.Problem(statusCode: code, title: reason).ExecuteAsync(context);
            return;
        }
        var pages = context.RequestServices.GetRequiredService<PageRenderer>();
        var page = code == StatusCodes.Status404NotFound
            ? await pages.NotFoundAsync(context.RequestAborted)
            : await pages.ErrorAsync(code, reason, $"This request could not be answered ({code} {reason}). Please go back and try again.");
        await page.ExecuteAsync(context);
    }

    private static (int Status, string Heading, string Message) Classify(Exception exception, bool isRead) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            (StatusCodes.Status413PayloadTooLarge, "Too much sent", "What you sent is larger than this site accepts. Please shorten it and send it again."),
        BadHttpRequestException bad =>
            (bad.StatusCode, "Could not read the request", "What you sent could not be read. Please go back and send it again."),
        // The form reader's limits: more than 1,024 fields, a field name over 2 KB, a value over 4 MB.
        InvalidDataException limit when limit.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) =>
            (StatusCodes.Status413PayloadTooLarge, "Too much sent", "The form you sent has too many fields, or a field that is too long. Please shorten it and send it again."),
        InvalidDataException =>
            (StatusCodes.Status400BadRequest, "Could not read the form", "The form you sent could not be read. Please go back and send it again."),
        _ when StorageFailure.Is(exception) => isRead
            ? (StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", "This page cannot be shown right now. Please try again in a minute.")
            : (StatusCodes.Status503ServiceUnavailable, "Not saved", "We could not save what you sent. Nothing was lost; please try again in a minute."),
        _ => (StatusCodes.Status500InternalServerError, "Something went wrong", "Something went wrong on our side, and this page could not be shown."),
    };

    internal static string OneLine(string message) => message.ReplaceLineEndings(" ");

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error, reference {Reference}, answering {Method} {Path}")]
    private partial void LogUnhandled(Exception exception, string reference, string method, string path);


    [LoggerMessage(Level = LogLevel.Information, Message = "Refused with {Status} a request that could not be read, {Method} {Path}: {Reason}")]
    private partial void LogRefused(int status, string method, string path, string reason);
}
