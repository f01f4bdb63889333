using System.Data.Common;
using System.Text.RegularExpressions;
using Gazette.Kernel;
using Gazette.Storage;
using Gazette.Web;

namespace Gazette.Accounts;

/// <summary>What an administrator (or <c>gazette user add</c>) asks for: an empty password means "generate one".</summary>
public sealed record NewAccount(string Login, string Role, string? Name = null, string? Email = null, string? Password = null);

/// <summary>The account made, or the problems by field (login, role, name, email, password); a generated password is shown once.</summary>
public sealed record AccountResult(User? User, IReadOnlyDictionary<string, string> Errors, string? GeneratedPassword = null);

/// <summary>
/// The rules of newsroom accounts, shared by the users page and the CLI: a
/// login's form, unique logins, emails and author pages, a role from the four,
/// and always at least one administrator.
/// </summary>
public sealed partial class AccountEditor(UserStore users, SessionStore sessions, Database database)
{
    public const int MaxNameLength = 100;

    public static string? LoginProblem(string login) =>
        LoginPattern().IsMatch(login) ? null : $"A login is 2 to 60 lower-case letters, digits, '.', '_' or '-' (not '{login}').";

    public async Task<AccountResult> CreateAsync(NewAccount account, CancellationToken cancellationToken = default)
    {
        var login = Normalized.Login(account.Login.Trim());
        var name = string.IsNullOrWhiteSpace(account.Name) ? login : account.Name.Trim();
        var email = string.IsNullOrWhiteSpace(account.Email) ? $"{login}@users.invalid" : account.Email.Trim();
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (LoginProblem(login) is { } loginProblem)
        {
            errors["login"] = loginProblem;
        }
        else if (await users.FindByLoginAsync(login, cancellationToken) is not null)
        {
            errors["login"] = $"There is already an account '{login}'.";
        }
        CheckProfile(name, email, account.Role, errors);
        if (!errors.ContainsKey("email") && await users.FindByEmailAsync(email, cancellationToken) is not null)
        {
            errors["email"] = $"Another account has the email address {email}.";
        }
        var generated = string.IsNullOrEmpty(account.Password) ? Passwords.Generate() : null;
        if (generated is null && Passwords.Problem(account.Password!) is { } passwordProblem)
        {
            errors["password"] = passwordProblem;
        }
        if (errors.Count > 0)
        {
            return new AccountResult(null, errors);
        }
        try
        {
            var id = await users.CreateAsync(new User
            {
                Login = login,
                DisplayName = name,
                Slug = UserCommand.AuthorSlug(name, login),
                Email = email,
                PasswordHash = Passwords.Hash(generated ?? account.Password!),
                Role = account.Role,
            }, cancellationToken);
            return new AccountResult(await users.FindByIdAsync(id, cancellationToken), errors, generated);
        }
        catch (DbException ex) when (database.Dialect.IsUniqueViolation(ex))
        {
            errors["name"] = $"Another account's author page already has the name '{name}': choose another name.";
            return new AccountResult(null, errors);
        }
    }

    /// <summary>Changes an account's name, email and role; errors by field, nothing changed when there are any.</summary>
    public async Task<IReadOnlyDictionary<string, string>> UpdateAsync(long id, string name, string email, string role, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        name = name.Trim();
        email = email.Trim();
        CheckProfile(name, email, role, errors);
        if (!errors.ContainsKey("email") && await users.FindByEmailAsync(email, cancellationToken) is { } other && other.Id != id)
        {
            errors["email"] = $"Another account has the email address {email}.";
        }
        if (errors.Count == 0 && !await users.UpdateProfileAsync(id, name, email, role, cancellationToken))
        {
            errors["role"] = "The newsroom needs at least one administrator: make someone else one first.";
        }
        return errors;
    }

    /// <summary>A new generated password for the account, ending every session it has; null when there is no such account.</summary>
    public async Task<string?> ResetPasswordAsync(long id, CancellationToken cancellationToken = default)
    {
        if (await users.FindByIdAsync(id, cancellationToken) is not { } user)
        {
            return null;
        }
        var password = Passwords.Generate();
        await users.SetPasswordHashAsync(user.Login, Passwords.Hash(password), cancellationToken);
        await sessions.EndAllAsync(user.Id, cancellationToken: cancellationToken);
        return password;
    }

    private static void CheckProfile(string name, string email, string role, Dictionary<string, string> errors)
    {
        if (name.Length == 0 || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            errors["name"] = $"A name has 1 to {MaxNameLength} characters and no control characters.";
        }
        if (email.Length > 254 || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || parsed.DisplayName.Length > 0)
        {
            errors["email"] = "Enter an email address such as name@example.org.";
        }
        if (!NewsroomRole.All.Contains(role))
        {
            errors["role"] = $"Choose one of {string.Join(", ", NewsroomRole.All)}.";
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,59}$")]
    private static partial Regex LoginPattern();
}
