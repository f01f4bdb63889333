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
