using System.Diagnostics;
using Gazette.Media;
using SkiaSharp;

namespace Gazette.Tests.Media;

/// <summary>What intake accepts, refuses and stores, on images made in code.</summary>
public sealed class ImageIntakeTests
{
    public static TheoryData<string> Types => ["jpg", "png", "webp", "gif"];

    [Theory]
    [MemberData(nameof(Types))]
    public void EachTypeIsRecognisedByItsBytesAndGetsItsWebPWidths(string extension)
    {
        var bytes = Make(extension, 2000, 1000);

        var result = ImageIntake.Process(bytes);

        Assert.Null(result.Refusal);
        var image = result.Image!;
        Assert.Equal(extension, image.Type.Extension);
        Assert.Equal((2000, 1000), (image.Width, image.Height));
        Assert.Equal([480, 960, 1600], image.Variants.Select(variant => variant.Width));
        foreach (var variant in image.Variants)
        {
            using var codec = SKCodec.Create(SKData.CreateCopy(variant.WebP))!;
            Assert.Equal(SKEncodedImageFormat.Webp, codec.EncodedFormat);
            Assert.Equal((variant.Width, variant.Width / 2), (codec.Info.Width, codec.Info.Height));
            Assert.Equal((variant.Width, variant.Height), (codec.Info.Width, codec.Info.Height));
        }
    }

    [Theory]
    [InlineData(1000, new[] { 480, 960 })]
    [InlineData(960, new[] { 480 })]
    [InlineData(300, new int[0])]
    public void NoCopyIsWiderThanTheOriginal(int width, int[] widths) =>
        Assert.Equal(widths, ImageIntake.Process(TestImages.Png(width, 50)).Image!.Variants.Select(variant => variant.Width));

    [Fact]
    public void AnAnimatedGifIsKeptAsSentWithStillCopies()
    {
        var gif = TestImages.AnimatedGif(600, 20);

        var image = ImageIntake.Process(gif).Image!;

        Assert.Equal(gif, image.Original);
        using (var codec = SKCodec.Create(SKData.CreateCopy(image.Original))!)
        {
            Assert.Equal(2, codec.FrameCount);
        }
        using var copy = SKCodec.Create(SKData.CreateCopy(Assert.Single(image.Variants).WebP))!;
        Assert.InRange(copy.FrameCount, 0, 1);
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")]
    [InlineData("%PDF-1.7\n")]
    [InlineData("RIFF\0\0\0\0WAVEfmt ")]
    [InlineData("BM")]
    public void AFileThatIsNotOneOfTheFourImagesIsRefusedWhateverItIsCalled(string content)
    {
        var result = ImageIntake.Process(System.Text.Encoding.ASCII.GetBytes(content));

        Assert.Null(result.Image);
        Assert.Equal(ImageIntake.NotAnImage, result.Refusal);
    }

    [Fact]
    public void AFileWhoseFormatTheDecoderDoesNotConfirmIsRefused()
    {
        // JPEG's first bytes on PNG's content: the bytes and Skia's decoder must agree.
        var png = TestImages.Png(20, 20);
        byte[] disguised = [0xFF, 0xD8, 0xFF, .. png];

        Assert.Equal(ImageIntake.NotAnImage, ImageIntake.Process(disguised).Refusal);
    }

    [Fact]
    public void ATruncatedImageIsRefusedAsDamaged()
    {
        var jpeg = TestImages.Jpeg(400, 300);

        Assert.Equal(ImageIntake.Damaged, ImageIntake.Process(jpeg[..(jpeg.Length / 2)]).Refusal);
    }

    [Fact]
    public async Task MoreThan10MBIsRefusedAfterReadingNoMoreThanTheLimit()
    {
        using var endless = new EndlessStream();

        var result = await ImageIntake.ProcessAsync(endless);

        Assert.Equal(ImageIntake.TooLarge, result.Refusal);
        Assert.InRange(endless.BytesRead, ImageIntake.MaxBytes, ImageIntake.MaxBytes + 81920);
    }

    [Fact]
    public async Task Exactly10MBIsReadWhole()
    {
        var bytes = new byte[ImageIntake.MaxBytes];
        TestImages.Jpeg(10, 10).CopyTo(bytes, 0);

        Assert.Equal(bytes.Length, (await ImageIntake.ReadAtMostAsync(new MemoryStream(bytes), ImageIntake.MaxBytes))!.Length);
    }

    [Fact]
    public void APngClaiming20000By20000IsRefusedBeforeItsPixelsAreDecoded()
    {
        var bomb = TestImages.PngClaiming(20_000, 20_000);
        Assert.True(bomb.Length < 1000);
        ImageIntake.Process(TestImages.Png(10, 10));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var peakBefore = process.PeakWorkingSet64;
        var workingSetBefore = process.WorkingSet64;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var result = ImageIntake.Process(bomb);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        process.Refresh();
        Assert.Equal(ImageIntake.TooManyPixels(20_000, 20_000), result.Refusal);
        // Decoding would take 1.6 GB (20000 x 20000 x 4 bytes), managed or native.
        Assert.InRange(allocated, 0, 50L * 1024 * 1024);
        Assert.InRange(process.WorkingSet64 - workingSetBefore, long.MinValue, 50L * 1024 * 1024);
        Assert.InRange(process.PeakWorkingSet64 - peakBefore, 0, 50L * 1024 * 1024);
    }

    [Fact]
    public void APhotoWithOrientation6IsStoredUprightWithItsSidesSwapped()
    {
        // Stored 1200 x 800 with red at the top left; orientation 6 says "turn me a quarter clockwise".
        var photo = TestImages.JpegWithExif(1200, 800, orientation: 6);
        using (var codec = SKCodec.Create(SKData.CreateCopy(photo))!)
        {
            Assert.Equal(SKEncodedOrigin.RightTop, codec.EncodedOrigin);
        }

        var image = ImageIntake.Process(photo).Image!;

        Assert.Equal((800, 1200), (image.Width, image.Height));
        using (var codec = SKCodec.Create(SKData.CreateCopy(image.Original))!)
        {
            Assert.Equal((800, 1200), (codec.Info.Width, codec.Info.Height));
            Assert.Equal(SKEncodedOrigin.TopLeft, codec.EncodedOrigin);
        }
        // The red quarter is now at the top right.
        Assert.True(TestImages.IsRedAt(image.Original, 700, 100));
        Assert.False(TestImages.IsRedAt(image.Original, 100, 100));
        Assert.False(TestImages.IsRedAt(image.Original, 700, 1100));
        var copy = Assert.Single(image.Variants);
        Assert.Equal((480, 720), (copy.Width, copy.Height));
        Assert.True(TestImages.IsRedAt(copy.WebP, 420, 60));
        Assert.False(TestImages.IsRedAt(copy.WebP, 60, 60));
    }

    [Theory]
    [InlineData(3, 1200, 800, 1100, 700)]
    [InlineData(8, 800, 1200, 100, 1100)]
    public void OtherOrientationsAreTurnedToo(ushort orientation, int width, int height, int redX, int redY)
    {
        var image = ImageIntake.Process(TestImages.JpegWithExif(1200, 800, orientation)).Image!;

        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.True(TestImages.IsRedAt(image.Original, redX, redY));
    }

    [Fact]
    public void AnUprightJpegLosesItsExifXmpAndCommentsButNoPixels()
    {
        var photo = TestImages.JpegWithExif(640, 480, orientation: 1);
        Assert.True(TestImages.Contains(photo, TestImages.Camera));
        Assert.True(TestImages.Contains(photo, "Exif"));

        var stored = ImageIntake.Process(photo).Image!.Original;

        Assert.False(TestImages.Contains(stored, TestImages.Camera));
        Assert.False(TestImages.Contains(stored, "Exif"));
        Assert.False(TestImages.Contains(stored, "http://ns.adobe.com/xap"));
        // Lossless: what was removed is exactly the three segments.
        Assert.Equal(TestImages.Jpeg(640, 480), stored);
    }

    [Fact]
    public void ATurnedJpegKeepsNoCameraOrPlaceEither()
    {
        var stored = ImageIntake.Process(TestImages.JpegWithExif(640, 480, orientation: 6)).Image!.Original;

        Assert.False(TestImages.Contains(stored, TestImages.Camera));
        Assert.False(TestImages.Contains(stored, "Exif"));
    }

    [Fact]
    public void APngLosesItsExifAndTextChunks()
    {
        var png = TestImages.PngWithMetadata(300, 200);
        Assert.True(TestImages.Contains(png, "eXIf"));

        var image = ImageIntake.Process(png).Image!;

        Assert.False(TestImages.Contains(image.Original, TestImages.Camera));
        Assert.False(TestImages.Contains(image.Original, "eXIf"));
        Assert.Equal(TestImages.Png(300, 200), image.Original);
    }

    [Fact]
    public void AWebPLosesItsExifAndXmpChunks()
    {
        var webp = TestImages.WebPWithMetadata(300, 200);
        using (var codec = SKCodec.Create(SKData.CreateCopy(webp))!)
        {
            Assert.Equal((300, 200), (codec.Info.Width, codec.Info.Height));
        }

        var image = ImageIntake.Process(webp).Image!;

        Assert.False(TestImages.Contains(image.Original, TestImages.Camera));
        Assert.False(TestImages.Contains(image.Original, "EXIF"));
        using var stored = SKCodec.Create(SKData.CreateCopy(image.Original))!;
        Assert.Equal((300, 200), (stored.Info.Width, stored.Info.Height));
        Assert.Equal(image.Original.Length - 8, BitConverter.ToInt32(image.Original, 4));
    }

    private static byte[] Make(string extension, int width, int height) => extension switch
    {
        "jpg" => TestImages.Jpeg(width, height),
        "png" => TestImages.Png(width, height),
        "webp" => TestImages.WebP(width, height),
        _ => TestImages.AnimatedGif(width, height),
    };

    /// <summary>An upload that never ends, counting what was read of it.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill(0xFF);
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
