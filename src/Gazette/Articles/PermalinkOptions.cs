namespace Gazette.Articles;

/// <summary><c>Gazette:Site:Permalinks</c> and the patterns it replaced, whose links still lead home.</summary>
public sealed class PermalinkOptions
{
    public string Permalinks { get; set; } = PermalinkPattern.DefaultText;

    /// <summary>Earlier patterns, written by the settings page when the pattern changes (and by an import, the old site's).</summary>
    public List<string> RetiredPermalinks { get; set; } = [];
}
