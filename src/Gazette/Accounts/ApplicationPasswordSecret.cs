using System.Security.Cryptography;
using System.Text;

namespace Gazette.Accounts;

/// <summary>
/// The secret of an application password, as WordPress makes it: 24 letters and
/// digits (about 143 bits), shown in groups of four ("abcd EFGH ..."), checked
/// with the spaces taken out, stored as a SHA-256 hash (decision 117).
/// </summary>
public static class ApplicationPasswordSecret
{
    public const int Length = 24;

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>"abcd EFGH ijkl MNOP qrst UVWX", as WordPress shows it once.</summary>
    public static string Grouped(string secret) => string.Join(' ', secret.Chunk(4).Select(group => new string(group)));

    /// <summary>The stored form of what a caller sent: spaces ignored, as WordPress ignores them.</summary>
    public static byte[] Hash(string presented) => SHA256.HashData(Encoding.UTF8.GetBytes(presented.Replace(" ", "", StringComparison.Ordinal)));

    /// <summary>True when <paramref name="presented"/> matches <paramref name="storedHex"/>, in time that does not depend on where they differ.</summary>
    public static bool Matches(string storedHex, byte[] presentedHash) =>
        CryptographicOperations.FixedTimeEquals(Convert.FromHexString(storedHex), presentedHash);
}
