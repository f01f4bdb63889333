namespace Gazette.Accounts.Admin;

/// <summary>A member's application passwords as the shared list partial shows them, each with a revoke button posting to <paramref name="RevokeAction"/>.</summary>
public sealed record ApplicationPasswordList(IReadOnlyList<ApplicationPassword> Passwords, string RevokeAction);
