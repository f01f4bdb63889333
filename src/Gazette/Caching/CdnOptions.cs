namespace Gazette.Caching;

/// <summary>
/// A CDN or shared cache in front of the site (<c>Gazette:Cdn</c>): where
/// purges go, how they are written, and with which credentials.
/// </summary>
public sealed class CdnOptions
{
    public const string Section = "Gazette:Cdn";

    /// <summary>The purge-by-tag endpoint; unset, nothing is purged and shared caches keep a page no longer than browsers do.</summary>
    public string? PurgeUrl { get; set; }

    /// <summary>How a purge names its tags: <see cref="CdnPurgeStyle.SurrogateKey"/> (Fastly, Varnish xkey) or <see cref="CdnPurgeStyle.Json"/> (Cloudflare).</summary>
    public CdnPurgeStyle PurgeStyle { get; set; } = CdnPurgeStyle.SurrogateKey;

    /// <summary>Headers every purge carries, such as <c>Fastly-Key</c> or <c>Authorization: Bearer …</c>.</summary>
    public Dictionary<string, string> PurgeHeaders { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public bool Purges => !string.IsNullOrWhiteSpace(PurgeUrl);
}

public enum CdnPurgeStyle
{
    /// <summary>POST with the tags space-separated in a <c>Surrogate-Key</c> header.</summary>
    SurrogateKey,

    /// <summary>POST of <c>{"tags": [...]}</c>.</summary>
    Json,
}
