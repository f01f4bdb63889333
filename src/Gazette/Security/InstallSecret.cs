using System.Security.Cryptography;
using System.Text;

namespace Gazette.Security;

/// <summary>
/// 32 random bytes made on an install's first run and kept for its life. Features
/// never use it directly: each derives its own key by purpose, so a key leaked
/// from one feature signs nothing for another.
/// </summary>
public sealed class InstallSecret(byte[] key)
{
    public const int Length = 32;

    public byte[] DeriveKey(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, key, Length, info: Encoding.UTF8.GetBytes("gazette:" + purpose));

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(Length);
}
