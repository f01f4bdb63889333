using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gazette.Security;

namespace Gazette.Comments;

/// <summary>
/// How long the reader spent writing: the comment script fetches a signed stamp
/// of the moment they started typing. No stamp (no JavaScript) means unknown,
/// and the check is skipped; a forged or damaged stamp counts as too fast.
/// </summary>
public readonly record struct FillTime(TimeSpan? Elapsed, bool Forged)
{
    public static readonly FillTime Unknown = new(null, false);

    public bool IsTooFast(int minSeconds) =>
        minSeconds > 0 && (Forged || (Elapsed is { } elapsed && elapsed < TimeSpan.FromSeconds(minSeconds)));
}

public sealed class FillStamps(InstallSecret secret, TimeProvider time)
{
    private readonly byte[] _key = secret.DeriveKey("comments:fill-stamp");

    public string Issue()
    {
        var issued = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return issued + "." + Sign(issued);
    }

    public FillTime Read(string stamp)
    {
        if (string.IsNullOrEmpty(stamp))
        {
            return FillTime.Unknown;
        }
        var dot = stamp.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0
            || !long.TryParse(stamp.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var issuedMs)
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(stamp[..dot])), Encoding.ASCII.GetBytes(stamp[(dot + 1)..])))
        {
            return new FillTime(null, Forged: true);
        }
        return new FillTime(time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(issuedMs), false);
    }

    private string Sign(string value) => Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(value)))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
