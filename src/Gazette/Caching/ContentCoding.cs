using Microsoft.Extensions.Primitives;

namespace Gazette.Caching;

/// <summary>The encodings a cached page is kept in, each made once, when a reader first asks for it.</summary>
public enum ContentCoding
{
    Identity,
    Gzip,
    Brotli,
}

public static class ContentCodings
{
    /// <summary>
    /// The coding to answer <paramref name="acceptEncoding"/> with: Brotli when
    /// the client takes it, else gzip, else none. A coding counts when it is
    /// named (or <c>*</c> covers it) with a q-value above zero; the client's
    /// order and weights beyond that are not followed, so every header maps to
    /// one of three answers and the cache holds at most three copies.
    /// </summary>
    public static ContentCoding Preferred(StringValues acceptEncoding)
    {
        if (acceptEncoding.Count == 0)
        {
            return ContentCoding.Identity;
        }
        bool? brotli = null, gzip = null, any = null;
        foreach (var header in acceptEncoding)
        {
            foreach (var range in (header ?? "").AsSpan().Split(','))
            {
                Read(header.AsSpan()[range], ref brotli, ref gzip, ref any);
            }
        }
        if (brotli ?? any ?? false)
        {
            return ContentCoding.Brotli;
        }
        return gzip ?? any ?? false ? ContentCoding.Gzip : ContentCoding.Identity;
    }

    public static string? HeaderValue(ContentCoding coding) => coding switch
    {
        ContentCoding.Brotli => "br",
        ContentCoding.Gzip => "gzip",
        _ => null,
    };

    private static void Read(ReadOnlySpan<char> item, ref bool? brotli, ref bool? gzip, ref bool? any)
    {
        var semicolon = item.IndexOf(';');
        var name = (semicolon < 0 ? item : item[..semicolon]).Trim();
        var accepted = semicolon < 0 || Weight(item[(semicolon + 1)..]) > 0;
        if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
        {
            brotli = accepted;
        }
        else if (name.Equals("gzip", StringComparison.OrdinalIgnoreCase) || name.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
        {
            gzip = accepted;
        }
        else if (name is "*")
        {
            any = accepted;
        }
    }

    private static double Weight(ReadOnlySpan<char> parameters)
    {
        foreach (var range in parameters.Split(';'))
        {
            var parameter = parameters[range].Trim();
            if (parameter.Length > 2 && (parameter[0] is 'q' or 'Q') && parameter[1] == '=')
            {
                return double.TryParse(parameter[2..], System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var q) ? q : 0;
            }
        }
        return 1;
    }
}
