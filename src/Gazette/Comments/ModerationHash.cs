using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gazette.Security;

namespace Gazette.Comments;

/// <summary>
/// The <c>moderation-hash</c> of WordPress's <c>?unapproved=ID&amp;moderation-hash=...</c>
/// links: only whoever got the redirect after posting can see their pending comment.
/// An HMAC over the id and the moment it was written, with a key only this install has.
/// </summary>
public sealed class ModerationHash(InstallSecret secret)
{
    private readonly byte[] _key = secret.DeriveKey("comments:moderation-hash");

    public string For(long commentId, DateTimeOffset createdAt)
    {
        var message = string.Create(CultureInfo.InvariantCulture, $"{commentId}:{createdAt.ToUnixTimeMilliseconds()}");
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(message)).AsSpan(0, 16));
    }

    public bool Verify(long commentId, DateTimeOffset createdAt, string? hash) =>
        hash is { Length: 32 }
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(For(commentId, createdAt)), Encoding.ASCII.GetBytes(hash));
}
