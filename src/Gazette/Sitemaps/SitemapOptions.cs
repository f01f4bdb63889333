namespace Gazette.Sitemaps;

/// <summary><c>Gazette:Sitemaps:*</c>.</summary>
public sealed class SitemapOptions
{
    public const string Section = "Gazette:Sitemaps";

    /// <summary>sitemaps.org's most URLs in one file.</summary>
    public const int ProtocolLimit = 50_000;

    private int _idsPerFile = ProtocolLimit;

    /// <summary>
    /// How many ids one file spans (so it never holds more URLs than that): the
    /// protocol's limit, and lower only to see files split without a million articles.
    /// </summary>
    public int IdsPerFile
    {
        get => _idsPerFile;
        set => _idsPerFile = Math.Clamp(value, 1, ProtocolLimit);
    }
}
