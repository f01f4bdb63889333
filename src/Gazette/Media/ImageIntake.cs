using SkiaSharp;

namespace Gazette.Media;

/// <summary>An image ready to store: its original (upright, without camera or place data) and its WebP widths.</summary>
public sealed record ProcessedImage(ImageType Type, int Width, int Height, byte[] Original, IReadOnlyList<ImageVariant> Variants);

public sealed record ImageVariant(int Width, int Height, byte[] WebP);

/// <summary>What intake made of the bytes: an image, or why the file was refused (a sentence for the file field).</summary>
public sealed record IntakeResult(ProcessedImage? Image, string? Refusal);

/// <summary>
/// Turns uploaded bytes into what is stored. The type is decided by the bytes
/// (and Skia's decoder must agree); the size in pixels is read from the header
/// and checked before a single pixel is decoded, so a small file claiming a
/// huge image costs nothing. The picture is turned upright by its EXIF
/// orientation; the kept original loses its metadata (losslessly when it is
/// already upright, re-encoded when it had to be turned); WebP copies 480,
/// 960 and 1600 px wide are made when the original is wider.
/// </summary>
public static class ImageIntake
{
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>64 megapixels decode to 256 MB: a 61-megapixel camera's photo still fits, a decompression bomb does not.</summary>
    public const long MaxPixels = 64_000_000;

    /// <summary>WebP's own limit on a side.</summary>
    public const int MaxSide = 16_383;

    public static readonly IReadOnlyList<int> VariantWidths = [480, 960, 1600];

    public const string NotAnImage = "This file is not a JPEG, PNG, WebP or GIF image.";
    public const string TooLarge = "This file is larger than 10 MB. Make it smaller and upload it again.";
    public const string Damaged = "This image is damaged or incomplete.";
    public const string NoFile = "Choose an image to upload.";

    private const int JpegQuality = 90;
    private const float VariantQuality = 80;

    /// <summary>Decoding takes up to 256 MB a picture: two at a time keep a burst of uploads from taking the machine.</summary>
    private static readonly SemaphoreSlim Decoders = new(2, 2);

    public static string TooManyPixels(int width, int height) =>
        $"This image is {width:N0} × {height:N0} pixels: too many pixels (at most 64 megapixels and {MaxSide:N0} pixels on a side).";

    /// <summary>
    /// Reads the whole stream if it holds at most <paramref name="limit"/> bytes;
    /// null as soon as it holds more, without reading the rest.
    /// </summary>
    public static async Task<byte[]?> ReadAtMostAsync(Stream stream, long limit, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static async Task<IntakeResult> ProcessAsync(Stream upload, CancellationToken cancellationToken = default)
    {
        var bytes = await ReadAtMostAsync(upload, MaxBytes, cancellationToken);
        if (bytes is null)
        {
            return new(null, TooLarge);
        }
        if (bytes.Length == 0)
        {
            return new(null, NoFile);
        }
        return await OneAtATimeAsync(() => Process(bytes), cancellationToken);
    }

    /// <summary>Runs decoding work among the few allowed at once (each may hold a large picture in memory).</summary>
    public static async Task<T> OneAtATimeAsync<T>(Func<T> decode, CancellationToken cancellationToken)
    {
        await Decoders.WaitAsync(cancellationToken);
        try
        {
            return decode();
        }
        finally
        {
            Decoders.Release();
        }
    }

    public static IntakeResult Process(byte[] bytes)
    {
        var type = ImageType.Sniff(bytes);
        if (type is null)
        {
            return new(null, NotAnImage);
        }
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != type.Format)
        {
            return new(null, NotAnImage);
        }
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0 || (long)width * height > MaxPixels || width > MaxSide || height > MaxSide)
        {
            return new(null, TooManyPixels(width, height));
        }
        var origin = codec.EncodedOrigin;
        var turned = origin is not (SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default) && type != ImageType.Gif;
        var swapsSides = turned && (int)origin >= (int)SKEncodedOrigin.LeftTop;
        var (uprightWidth, uprightHeight) = swapsSides ? (height, width) : (width, height);

        using var decoded = Decode(codec, turned ? width : Math.Min(uprightWidth, VariantWidths[^1]), turned);
        if (decoded is null)
        {
            return new(null, Damaged);
        }
        using var upright = turned ? Orient(decoded, origin) : null;
        var picture = upright ?? decoded;
        var original = turned ? Encode(picture, type) : MetadataStripper.Strip(type, bytes);
        if (original is null)
        {
            return new(null, Damaged);
        }
        var variants = VariantWidths
            .Where(variantWidth => variantWidth < uprightWidth)
            .Select(variantWidth => Variant(picture, variantWidth, (int)Math.Max(1, Math.Round((double)uprightHeight * variantWidth / uprightWidth))))
            .ToList();
        return new(new ProcessedImage(type, uprightWidth, uprightHeight, original, variants), null);
    }

    /// <summary>
    /// Decodes the first frame. A JPEG that needs no turning is decoded at the
    /// smallest scale its decoder offers that is still at least
    /// <paramref name="wanted"/> wide, which saves most of the memory of a large photo.
    /// </summary>
    private static SKBitmap? Decode(SKCodec codec, int wanted, bool full)
    {
        var size = codec.Info.Size;
        if (!full && codec.EncodedFormat == SKEncodedImageFormat.Jpeg)
        {
            var scaled = codec.GetScaledDimensions((float)wanted / size.Width);
            if (scaled.Width >= wanted && scaled.Width < size.Width)
            {
                size = scaled;
            }
        }
        var alpha = codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul;
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, alpha);
        var bitmap = new SKBitmap(info);
        if (codec.GetPixels(info, bitmap.GetPixels()) != SKCodecResult.Success)
        {
            bitmap.Dispose();
            return null;
        }
        return bitmap;
    }

    /// <summary>Draws the stored pixels the way EXIF orientation says they are seen.</summary>
    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        var swaps = (int)origin >= (int)SKEncodedOrigin.LeftTop;
        var (width, height) = swaps ? (source.Height, source.Width) : (source.Width, source.Height);
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, width, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, width, 0, -1, height, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, height, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, width, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, width, -1, 0, height, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, height, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        var turned = new SKBitmap(new SKImageInfo(width, height, source.ColorType, source.AlphaType));
        using var canvas = new SKCanvas(turned);
        canvas.SetMatrix(matrix);
        canvas.DrawBitmap(source, 0, 0, SKSamplingOptions.Default);
        canvas.Flush();
        return turned;
    }

    private static byte[] Encode(SKBitmap picture, ImageType type)
    {
        using var pixels = picture.PeekPixels() ?? throw new InvalidOperationException("A decoded bitmap has no pixels.");
        using var encoded = type.Format switch
        {
            SKEncodedImageFormat.Jpeg => pixels.Encode(new SKJpegEncoderOptions(JpegQuality)),
            SKEncodedImageFormat.Png => pixels.Encode(new SKPngEncoderOptions()),
            _ => pixels.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, JpegQuality)),
        } ?? throw new InvalidOperationException($"Skia could not encode {type.MimeType}.");
        return encoded.ToArray();
    }

    private static ImageVariant Variant(SKBitmap picture, int width, int height)
    {
        using var resized = picture.Resize(new SKImageInfo(width, height, picture.ColorType, picture.AlphaType), new SKSamplingOptions(SKCubicResampler.Mitchell))
            ?? throw new InvalidOperationException($"Skia could not resize to {width} x {height}.");
        using var pixels = resized.PeekPixels() ?? throw new InvalidOperationException("A resized bitmap has no pixels.");
        using var encoded = pixels.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, VariantQuality))
            ?? throw new InvalidOperationException("Skia could not encode WebP.");
        return new ImageVariant(width, height, encoded.ToArray());
    }
}
