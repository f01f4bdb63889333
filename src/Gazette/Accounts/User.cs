namespace Gazette.Accounts;

public sealed record User
{
    public long Id { get; init; }
    public required string Login { get; init; }
    public required string DisplayName { get; init; }
    public required string Slug { get; init; }
    public required string Email { get; init; }
    public required string PasswordHash { get; init; }
    public required string Role { get; init; }
    public int FailedLogins { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>WordPress's four roles, strongest first.</summary>
public static class UserRole
{
    public const string Administrator = "administrator";
    public const string Editor = "editor";
    public const string Author = "author";
    public const string Contributor = "contributor";

    public static readonly IReadOnlyList<string> All = [Administrator, Editor, Author, Contributor];
}
