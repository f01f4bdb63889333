namespace Gazette.Rendering;

/// <summary>
/// The responsive attributes of an image a Markdown body links to
/// (<c>![alt](/media/NAME)</c>). A module that stores images implements it;
/// without one, Markdown images stay plain <c>&lt;img src alt&gt;</c>.
/// </summary>
public interface IImageSources
{
    /// <summary>Null when <paramref name="url"/> is not one of this source's images.</summary>
    ImageSourceSet? Find(string url);
}

/// <summary>
/// What an <c>&lt;img&gt;</c> needs beyond its alt text to load the right size and reserve its space, and what its
/// <c>&lt;figcaption&gt;</c> says: the stored image's caption and its photographer's or agency's credit (empty: none).
/// </summary>
public sealed record ImageSourceSet(string Src, string SrcSet, string Sizes, int Width, int Height, string Caption = "", string Credit = "");
