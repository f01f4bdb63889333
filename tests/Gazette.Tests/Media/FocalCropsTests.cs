using Gazette.Media;
using SkiaSharp;

namespace Gazette.Tests.Media;

/// <summary>The largest crop of a shape that fits, placed around the focal point and kept inside the picture.</summary>
public sealed class FocalCropsTests
{
    [Theory]
    [InlineData("16x9", 0.5, 0.5, 0, 150, 1600, 1050)]
    [InlineData("16x9", 0.9, 0.0, 0, 0, 1600, 900)]
    [InlineData("1x1", 0.9, 0.5, 400, 0, 1600, 1200)]
    [InlineData("1x1", 0.1, 0.5, 0, 0, 1200, 1200)]
    [InlineData("1x1", 0.5, 0.5, 200, 0, 1400, 1200)]
    [InlineData("4x3", 0.5, 0.5, 0, 0, 1600, 1200)]
    public void TheCropIsTheLargestOfItsShapeCentredOnTheFocalPointWithinTheEdges(string shape, double x, double y, int left, int top, int right, int bottom)
    {
        var area = FocalCrops.Rectangle(1600, 1200, CropShape.Named(shape)!, x, y);

        Assert.Equal(new SKRectI(left, top, right, bottom), area);
    }

    [Fact]
    public void ATallPictureIsCroppedAcrossItsWholeWidth()
    {
        var area = FocalCrops.Rectangle(600, 2000, CropShape.Named("16x9")!, 0.5, 0.2);

        Assert.Equal((600, 337), (area.Width, area.Height));
        Assert.Equal(232, area.Top);
    }

    [Fact]
    public void CropNamesCarryTheShapeAndFocalPointAndAreReadBack()
    {
        const string original = "0123456789abcdef0123456789abcdef.jpg";

        var name = MediaNames.Crop(original, CropShape.Named("4x3")!, 0.333, 0.5);

        Assert.Equal("0123456789abcdef0123456789abcdef-4x3-33-50.webp", name);
        Assert.True(MediaNames.IsValid(name));
        Assert.Equal(("0123456789abcdef0123456789abcdef", "4x3"), MediaNames.CropOf(name) is var (stem, shape) ? (stem, shape.Name) : default);
        Assert.Null(MediaNames.CropOf("0123456789abcdef0123456789abcdef-480.webp"));
        Assert.False(MediaNames.IsValid("0123456789abcdef0123456789abcdef-3x2-50-50.webp"));
    }
}
