using Gazette.Hosting;
using Gazette.Kernel;
using SkiaSharp;

namespace Gazette.Media;

/// <summary>
/// Before the site serves: the media folder can be written, and Skia's native
/// library loads and encodes, so a server missing either says so in one line at
/// start rather than with the first photo an editor uploads.
/// </summary>
public sealed class MediaStartupCheck(MediaFolder folder) : IStartupTask
{
    public Task RunAsync(CancellationToken cancellationToken)
    {
        Preflight.EnsureWritableFolder(folder.Root);
        try
        {
            using var bitmap = new SKBitmap(new SKImageInfo(1, 1, SKColorType.Rgba8888, SKAlphaType.Opaque));
            using var pixels = bitmap.PeekPixels();
            using var encoded = pixels?.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, 80));
            if (encoded is null)
            {
                throw new StartupException("SkiaSharp loaded but cannot encode WebP: media uploads would fail.");
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or BadImageFormatException)
        {
            throw new StartupException($"SkiaSharp's native library (libSkiaSharp) could not be loaded, so images cannot be uploaded: {ex.Message}", ex);
        }
        return Task.CompletedTask;
    }

    public string? Announce(string baseUrl) => null;
}
