namespace Gazette.Accounts;

/// <summary>One of a member's application passwords, as the newsroom lists it (never the password).</summary>
public sealed record ApplicationPassword
{
    public required string Uuid { get; init; }
    public required string Name { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }
    public string? LastUsedIp { get; init; }
}
