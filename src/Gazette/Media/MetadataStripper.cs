using System.Buffers.Binary;

namespace Gazette.Media;

/// <summary>
/// Removes what a camera or phone writes about itself and where it was (EXIF
/// with GPS, XMP, IPTC, comments, embedded previews) from an image that needs
/// no other change, without decoding its pixels: a JPEG loses no quality.
/// What is kept is what draws the picture (and its colour profile). A file
/// whose structure cannot be walked yields null: it is refused as damaged.
/// </summary>
public static class MetadataStripper
{
    public static byte[]? Strip(ImageType type, byte[] bytes) => type.Extension switch
    {
        "jpg" => Jpeg(bytes),
        "png" => Png(bytes),
        "webp" => WebP(bytes),
        // GIF has no EXIF: its blocks carry no camera or place, so the (animated) file is kept as sent.
        _ => bytes,
    };

    /// <summary>
    /// Keeps SOI, APP0 (JFIF), APP2 colour profiles, APP14 (Adobe colour
    /// transform) and every coding segment; drops APP1 (EXIF, XMP), the other
    /// APPn, comments, and anything after the image's EOI (phones append
    /// second pictures there, each with its own EXIF).
    /// </summary>
    private static byte[]? Jpeg(byte[] bytes)
    {
        using var output = new MemoryStream(bytes.Length);
        output.Write(bytes, 0, 2);
        var position = 2;
        while (position + 1 < bytes.Length)
        {
            if (bytes[position] != 0xFF)
            {
                return null;
            }
            var marker = bytes[position + 1];
            if (marker == 0xFF)
            {
                position++;
                continue;
            }
            if (marker == 0xD9)
            {
                output.Write(bytes, position, 2);
                return output.ToArray();
            }
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                output.Write(bytes, position, 2);
                position += 2;
                continue;
            }
            if (position + 4 > bytes.Length)
            {
                return null;
            }
            var end = position + 2 + BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(position + 2));
            if (end > bytes.Length || end < position + 4)
            {
                return null;
            }
            if (KeepJpegSegment(marker, bytes.AsSpan(position + 4, end - position - 4)))
            {
                output.Write(bytes, position, end - position);
            }
            position = end;
            if (marker == 0xDA)
            {
                var data = EntropyCodedLength(bytes, position);
                output.Write(bytes, position, data);
                position += data;
            }
        }
        return null;
    }

    private static bool KeepJpegSegment(byte marker, ReadOnlySpan<byte> payload) => marker switch
    {
        0xE0 => true,
        0xE2 => payload.StartsWith("ICC_PROFILE\0"u8),
        0xEE => payload.StartsWith("Adobe"u8),
        0xFE => false,
        >= 0xE1 and <= 0xEF => false,
        _ => true,
    };

    /// <summary>Scan data runs until a marker other than a stuffed 0xFF00 or a restart marker.</summary>
    private static int EntropyCodedLength(byte[] bytes, int start)
    {
        var position = start;
        while (position + 1 < bytes.Length)
        {
            if (bytes[position] == 0xFF && bytes[position + 1] is not 0x00 and not (>= 0xD0 and <= 0xD7) and not 0xFF)
            {
                return position - start;
            }
            position++;
        }
        return bytes.Length - start;
    }

    private static readonly HashSet<string> PngAncillaryKept =
        ["tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "pHYs", "bKGD", "acTL", "fcTL", "fdAT", "cICP", "mDCV", "cLLI"];

    /// <summary>Keeps the critical chunks, colour and animation ones; drops eXIf, text, time and anything unknown.</summary>
    private static byte[]? Png(byte[] bytes)
    {
        using var output = new MemoryStream(bytes.Length);
        output.Write(bytes, 0, 8);
        var position = 8;
        while (position + 12 <= bytes.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(position));
            if (length > int.MaxValue - 12 || position + 12 + (long)length > bytes.Length)
            {
                return null;
            }
            var type = System.Text.Encoding.ASCII.GetString(bytes, position + 4, 4);
            var size = 12 + (int)length;
            if (char.IsUpper(type[0]) || PngAncillaryKept.Contains(type))
            {
                output.Write(bytes, position, size);
            }
            position += size;
            if (type == "IEND")
            {
                return output.ToArray();
            }
        }
        return null;
    }

    /// <summary>Drops the EXIF and XMP chunks and clears their flags in the extended header.</summary>
    private static byte[]? WebP(byte[] bytes)
    {
        // What follows the RIFF's declared size is not part of the image, and is not kept.
        var end = 8 + (long)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        if (end > bytes.Length)
        {
            return null;
        }
        using var output = new MemoryStream(bytes.Length);
        output.Write(bytes, 0, 12);
        var position = 12;
        while (position + 8 <= end)
        {
            var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position + 4));
            var size = 8 + (long)length + (length & 1);
            if (position + 8 + (long)length > end)
            {
                return null;
            }
            size = Math.Min(size, end - position);
            var fourCc = bytes.AsSpan(position, 4);
            if (!fourCc.SequenceEqual("EXIF"u8) && !fourCc.SequenceEqual("XMP "u8))
            {
                var start = (int)output.Position;
                output.Write(bytes, position, (int)size);
                if (fourCc.SequenceEqual("VP8X"u8) && length >= 1)
                {
                    output.Position = start + 8;
                    output.WriteByte((byte)(bytes[position + 8] & ~0x0C));
                    output.Position = output.Length;
                }
            }
            position += (int)size;
        }
        if (position != end)
        {
            return null;
        }
        var result = output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4), (uint)(result.Length - 8));
        return result;
    }
}
