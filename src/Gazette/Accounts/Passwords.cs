using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Gazette.Accounts;

/// <summary>
/// Passwords as ASP.NET Core Identity stores them (PBKDF2 with a per-password
/// salt, its format versioned so stronger settings can come later), and the
/// generated ones Gazette hands out: 20 characters from an alphabet without
/// look-alikes, about 115 bits.
/// </summary>
public static class Passwords
{
    public const int MinLength = 12;

    private const string Alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private const int GeneratedLength = 20;

    private static readonly PasswordHasher<User> Hasher = new();

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    /// <summary>True when the password matches; <paramref name="rehash"/> says the stored hash should be renewed.</summary>
    public static bool Verify(string hash, string password, out bool rehash)
    {
        if (hash.Length == 0)
        {
            // An account made without a password (an imported author) cannot sign in until one is set.
            rehash = false;
            return false;
        }
        var result = Hasher.VerifyHashedPassword(null!, hash, password);
        rehash = result == PasswordVerificationResult.SuccessRehashNeeded;
        return result is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;
    }

    /// <summary>
    /// A hash no password matches, checked when the login is unknown so that
    /// the answer takes as long as for a known one and does not give it away.
    /// </summary>
    public static readonly string Unmatched = Hash(RandomNumberGenerator.GetHexString(32));

    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, GeneratedLength);

    /// <summary>Why a chosen password cannot be used, or null.</summary>
    public static string? Problem(string password) =>
        password.Length < MinLength ? $"A password needs at least {MinLength} characters."
        : password.Any(char.IsControl) ? "A password cannot contain control characters."
        : null;
}
