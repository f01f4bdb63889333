namespace Gazette.Media.Contracts;

/// <summary>An imported image's library id, or why the image was refused.</summary>
public sealed record ImportedImage(long? MediaId, string? Refusal);

/// <summary>
/// Puts an image made or found elsewhere (generated demo pictures, later an
/// import) in the library with the checks, copies, rows and events of an
/// upload, with no uploader; the same bytes twice give the same image.
/// </summary>
public interface IImageImport
{
    Task<ImportedImage> ImportAsync(Stream image, string fileName, string alt, string credit, string caption, CancellationToken cancellationToken = default);
}
