using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using SkiaSharp;

namespace Gazette.Tests.Media;

/// <summary>
/// Images made in code: a picture whose top-left quarter is red and the rest
/// blue (so a test can tell which way up it is), in each format, with the EXIF,
/// XMP, text chunks and lies about size that cameras and attackers add.
/// </summary>
public static class TestImages
{
    public const string Camera = "GazetteCam 9000";

    public static SKBitmap Picture(int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.Blue);
        using var red = new SKPaint { Color = SKColors.Red };
        canvas.DrawRect(0, 0, width / 2f, height / 2f, red);
        return bitmap;
    }

    public static byte[] Jpeg(int width, int height)
    {
        using var bitmap = Picture(width, height);
        using var pixels = bitmap.PeekPixels()!;
        return pixels.Encode(new SKJpegEncoderOptions(95))!.ToArray();
    }

    public static byte[] Png(int width, int height)
    {
        using var bitmap = Picture(width, height);
        using var pixels = bitmap.PeekPixels()!;
        return pixels.Encode(new SKPngEncoderOptions())!.ToArray();
    }

    public static byte[] WebP(int width, int height)
    {
        using var bitmap = Picture(width, height);
        using var pixels = bitmap.PeekPixels()!;
        return pixels.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, 90))!.ToArray();
    }

    /// <summary>
    /// A JPEG with an EXIF APP1 segment right after SOI: the orientation, the
    /// camera's make and model, and a GPS position; then an XMP APP1 and a comment naming the camera too.
    /// </summary>
    public static byte[] JpegWithExif(int width, int height, ushort orientation)
    {
        var jpeg = Jpeg(width, height);
        var exif = ExifSegment(orientation);
        var xmp = Segment(0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. Encoding.ASCII.GetBytes($"<x:xmpmeta><tiff:Model>{Camera}</tiff:Model></x:xmpmeta>")]);
        var comment = Segment(0xFE, Encoding.ASCII.GetBytes("Shot on " + Camera));
        return [.. jpeg[..2], .. exif, .. xmp, .. comment, .. jpeg[2..]];
    }

    /// <summary>A PNG whose IHDR claims another size (its CRC recomputed, so only the size lies).</summary>
    public static byte[] PngClaiming(int width, int height)
    {
        var png = Png(8, 8);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32.HashToUInt32(png.AsSpan(12, 17)));
        return png;
    }

    /// <summary>A PNG with an eXIf chunk and a tEXt chunk naming the camera, before its pixels.</summary>
    public static byte[] PngWithMetadata(int width, int height)
    {
        var png = Png(width, height);
        var afterHeader = 8 + 25;
        return [.. png[..afterHeader], .. PngChunk("eXIf", Tiff(1)), .. PngChunk("tEXt", Encoding.ASCII.GetBytes("Software\0" + Camera)), .. png[afterHeader..]];
    }

    /// <summary>A WebP in the extended format, with EXIF and XMP chunks naming the camera.</summary>
    public static byte[] WebPWithMetadata(int width, int height)
    {
        var simple = WebP(width, height);
        var image = simple[12..];
        var header = new byte[10];
        header[0] = 0x08 | 0x04;
        WriteUInt24(header.AsSpan(4), width - 1);
        WriteUInt24(header.AsSpan(7), height - 1);
        byte[] body = [.. "WEBP"u8, .. RiffChunk("VP8X", header), .. image, .. RiffChunk("EXIF", Tiff(1)), .. RiffChunk("XMP ", Encoding.ASCII.GetBytes($"<x:xmpmeta>{Camera}</x:xmpmeta>"))];
        var size = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)body.Length);
        return [.. "RIFF"u8, .. size, .. body];
    }

    /// <summary>
    /// An animated GIF of two frames (red, then blue), written by hand since
    /// Skia encodes no GIF: LZW with a clear code every two pixels keeps every code 3 bits wide.
    /// </summary>
    public static byte[] AnimatedGif(int width, int height)
    {
        using var output = new MemoryStream();
        output.Write("GIF89a"u8);
        WriteUInt16(output, width);
        WriteUInt16(output, height);
        output.Write([0xF1, 0, 0]);
        output.Write([0xFF, 0, 0, 0, 0, 0xFF, 0, 0, 0, 0, 0, 0]);
        output.Write([0x21, 0xFF, 11, .. "NETSCAPE2.0"u8, 3, 1, 0, 0, 0]);
        foreach (var colour in new byte[] { 0, 1 })
        {
            output.Write([0x21, 0xF9, 4, 0, 10, 0, 0, 0]);
            output.WriteByte(0x2C);
            WriteUInt16(output, 0);
            WriteUInt16(output, 0);
            WriteUInt16(output, width);
            WriteUInt16(output, height);
            output.WriteByte(0);
            output.WriteByte(2);
            var data = Lzw(colour, width * height);
            for (var start = 0; start < data.Length; start += 255)
            {
                var length = Math.Min(255, data.Length - start);
                output.WriteByte((byte)length);
                output.Write(data, start, length);
            }
            output.WriteByte(0);
        }
        output.WriteByte(0x3B);
        return output.ToArray();
    }

    private static byte[] Lzw(byte colour, int pixels)
    {
        var codes = new List<int>();
        for (var i = 0; i < pixels; i++)
        {
            if (i % 2 == 0)
            {
                codes.Add(4);
            }
            codes.Add(colour);
        }
        codes.Add(5);
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var code in codes)
        {
            buffer |= code << bits;
            bits += 3;
            while (bits >= 8)
            {
                bytes.Add((byte)(buffer & 0xFF));
                buffer >>= 8;
                bits -= 8;
            }
        }
        if (bits > 0)
        {
            bytes.Add((byte)buffer);
        }
        return [.. bytes];
    }

    /// <summary>An APP1 "Exif" segment: IFD0 with Orientation, Make, Model and a GPS IFD pointer; the GPS IFD with a latitude.</summary>
    private static byte[] ExifSegment(ushort orientation) => Segment(0xE1, [.. "Exif\0\0"u8, .. Tiff(orientation)]);

    /// <summary>A little-endian TIFF structure as EXIF stores it.</summary>
    private static byte[] Tiff(ushort orientation)
    {
        var make = Encoding.ASCII.GetBytes(Camera + "\0");
        const int ifd0 = 8;
        const int entries = 4;
        var ifd0Size = 2 + entries * 12 + 4;
        var makeOffset = ifd0 + ifd0Size;
        var gpsOffset = makeOffset + make.Length;
        var gpsSize = 2 + 2 * 12 + 4;
        var latitudeOffset = gpsOffset + gpsSize;
        var tiff = new byte[latitudeOffset + 24];
        var span = tiff.AsSpan();
        "II"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], 42);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], ifd0);
        var at = ifd0;
        BinaryPrimitives.WriteUInt16LittleEndian(span[at..], entries);
        at += 2;
        at = Entry(span, at, 0x010F, 2, (uint)make.Length, (uint)makeOffset);
        at = Entry(span, at, 0x0110, 2, (uint)make.Length, (uint)makeOffset);
        at = Entry(span, at, 0x0112, 3, 1, orientation);
        at = Entry(span, at, 0x8825, 4, 1, (uint)gpsOffset);
        make.CopyTo(span[makeOffset..]);
        at = gpsOffset;
        BinaryPrimitives.WriteUInt16LittleEndian(span[at..], 2);
        at += 2;
        at = Entry(span, at, 0x0001, 2, 2, 'N');
        Entry(span, at, 0x0002, 5, 3, (uint)latitudeOffset);
        uint[] latitude = [51, 1, 30, 1, 1234, 100];
        for (var i = 0; i < latitude.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[(latitudeOffset + 4 * i)..], latitude[i]);
        }
        return tiff;
    }

    private static int Entry(Span<byte> span, int at, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(span[at..], tag);
        BinaryPrimitives.WriteUInt16LittleEndian(span[(at + 2)..], type);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 4)..], count);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 8)..], value);
        return at + 12;
    }

    private static byte[] Segment(byte marker, byte[] payload)
    {
        var length = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)(payload.Length + 2));
        return [0xFF, marker, .. length, .. payload];
    }

    private static byte[] PngChunk(string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.HashToUInt32(typed));
        return [.. length, .. typed, .. crc];
    }

    private static byte[] RiffChunk(string fourCc, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)data.Length);
        return [.. Encoding.ASCII.GetBytes(fourCc), .. length, .. data, .. (data.Length % 2 == 1 ? new byte[] { 0 } : [])];
    }

    private static void WriteUInt24(Span<byte> span, int value)
    {
        span[0] = (byte)value;
        span[1] = (byte)(value >> 8);
        span[2] = (byte)(value >> 16);
    }

    private static void WriteUInt16(Stream stream, int value)
    {
        stream.WriteByte((byte)value);
        stream.WriteByte((byte)(value >> 8));
    }

    /// <summary>Whether <paramref name="bytes"/> contain <paramref name="text"/> anywhere.</summary>
    public static bool Contains(byte[] bytes, string text) => bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(text)) >= 0;

    public static SKColor PixelAt(byte[] image, int x, int y)
    {
        using var bitmap = SKBitmap.Decode(image)!;
        return bitmap.GetPixel(x, y);
    }

    public static bool IsRedAt(byte[] image, int x, int y)
    {
        var pixel = PixelAt(image, x, y);
        return pixel.Red > 200 && pixel.Blue < 60;
    }
}
