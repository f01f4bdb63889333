using System.Net.Http.Json;
using Gazette.Events;
using Microsoft.Extensions.Options;

namespace Gazette.Caching;

/// <summary>
/// Purges from the CDN exactly the pages an event touched, once per cluster,
/// from the event log (a cluster subscriber: at least once, in order). The
/// tags are the ones this site's own caches evict for the event: the event is
/// handed to the node subscribers again while <see cref="PageCache"/> records
/// the tags they name instead of evicting (they are idempotent by contract).
/// A purge the CDN refuses is retried with the event, so a CDN outage stalls
/// only this subscriber's cursor.
/// </summary>
public sealed class CdnPurge(EventDispatcher dispatcher, IHttpClientFactory clients, IOptionsMonitor<CdnOptions> options, ILogger<CdnPurge> logger) : IClusterEventSubscriber
{
    public const string ClientName = "cdn-purge";

    public string Name => "cdn-purge";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var cdn = options.CurrentValue;
        if (!cdn.Purges)
        {
            return;
        }
        var tags = await PageCache.TagsEvictedByAsync(() => dispatcher.OnNodeAsync(envelope.Event, cancellationToken));
        if (tags.Count == 0)
        {
            return;
        }
        using var request = Request(cdn, tags);
        using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The CDN answered {(int)response.StatusCode} to a purge of {tags.Count} tags for event {envelope.Id}; it is sent again.");
        }
        logger.LogDebug("Purged {Tags} from the CDN for event {Event}", string.Join(' ', tags), envelope.Id);
    }

    public static HttpRequestMessage Request(CdnOptions cdn, IReadOnlyCollection<string> tags)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, cdn.PurgeUrl);
        foreach (var (name, value) in cdn.PurgeHeaders)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        if (cdn.PurgeStyle == CdnPurgeStyle.Json)
        {
            request.Content = JsonContent.Create(new { tags });
        }
        else
        {
            request.Headers.TryAddWithoutValidation("Surrogate-Key", string.Join(' ', tags));
        }
        return request;
    }
}
