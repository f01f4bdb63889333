using System.Globalization;
using Gazette.Storage;

namespace Gazette.Web;

/// <summary>
/// What every answer to a storage failure does, whoever renders it (ErrorPages,
/// or an endpoint that keeps the reader's form): one log line (under ErrorPages,
/// where operators look for failures), broken connections released, and
/// Retry-After.
/// </summary>
public static partial class StorageFailureAnswer
{
    public static void Prepare(HttpContext context, Exception failure, string? reference = null)
    {
        var request = context.Request;
        LogStorageFailure(context.RequestServices.GetRequiredService<ILogger<ErrorPages>>(),
            reference ?? "-", request.Method, request.Path, failure.GetType().Name, ErrorPages.OneLine(failure.Message));
        context.RequestServices.GetRequiredService<Database>().Recover(failure);
        context.Response.Headers.RetryAfter = ((int)StorageFailure.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage failure, reference {Reference}, answering {Method} {Path} with 503: {Kind}: {Reason}")]
    private static partial void LogStorageFailure(ILogger logger, string reference, string method, string path, string kind, string reason);
}
