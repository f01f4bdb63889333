using SkiaSharp;

namespace Gazette.Articles;

/// <summary>
/// An abstract picture for a generated article (a two-colour gradient with
/// translucent circles and bands), drawn from a seed so the same seed draws the
/// same picture, with alt text that says what it shows.
/// </summary>
public sealed record GeneratedPicture(byte[] Jpeg, string Alt)
{
    public const int Width = 1200;
    public const int Height = 675;

    private static readonly (string Name, SKColor Color)[] Palette =
    [
        ("navy", new SKColor(0x1b, 0x2a, 0x4a)), ("teal", new SKColor(0x1f, 0x7a, 0x7a)), ("orange", new SKColor(0xe0, 0x7a, 0x1f)),
        ("crimson", new SKColor(0xa3, 0x12, 0x1a)), ("gold", new SKColor(0xd9, 0xa4, 0x1e)), ("plum", new SKColor(0x6b, 0x2d, 0x5c)),
        ("sky blue", new SKColor(0x5a, 0xa9, 0xe6)), ("olive", new SKColor(0x6b, 0x7a, 0x2a)), ("slate", new SKColor(0x4a, 0x55, 0x68)),
    ];

    public static GeneratedPicture Draw(int seed, string section)
    {
        var random = new Random(seed);
        var from = Palette[random.Next(Palette.Length)];
        var to = Palette[random.Next(Palette.Length)];
        while (to.Name == from.Name)
        {
            to = Palette[random.Next(Palette.Length)];
        }
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        using (var shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(Width, Height), [from.Color, to.Color], SKShaderTileMode.Clamp))
        using (var gradient = new SKPaint { Shader = shader })
        {
            canvas.DrawRect(0, 0, Width, Height, gradient);
        }
        var circles = random.Next(3, 9);
        using (var paint = new SKPaint { IsAntialias = true })
        {
            for (var i = 0; i < circles; i++)
            {
                paint.Color = SKColors.White.WithAlpha((byte)random.Next(25, 90));
                canvas.DrawCircle(random.Next(Width), random.Next(Height), random.Next(40, 260), paint);
            }
            var bands = random.Next(0, 4);
            for (var i = 0; i < bands; i++)
            {
                paint.Color = SKColors.Black.WithAlpha((byte)random.Next(20, 60));
                var y = random.Next(Height);
                canvas.DrawRect(0, y, Width, random.Next(8, 40), paint);
            }
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return new GeneratedPicture(data.ToArray(), $"An abstract illustration for {section}: {circles} pale circles on a gradient from {from.Name} to {to.Name}.");
    }
}
