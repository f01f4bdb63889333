using Gazette.Web;
using System.CommandLine;
using System.Security.Cryptography;
using Gazette.Hosting;
using Gazette.Kernel;

namespace Gazette.Accounts;

/// <summary>
/// Newsroom accounts from the command line: <c>gazette user add LOGIN --role ROLE</c>
/// (a generated password is printed once unless one comes on stdin),
/// <c>gazette user password LOGIN</c>, <c>gazette user invite LOGIN</c> (a
/// one-time link to set a password) and <c>gazette user list</c>.
/// There is no default password anywhere.
/// </summary>
public static class UserCommand
{
    private static readonly Argument<string> Login = new("LOGIN")
    {
        Description = "The name to sign in with: 2 to 60 lower-case letters, digits, '.', '_' or '-'.",
        Validators = { result => CheckLogin(result) },
    };

    private static readonly Option<string> Role = new("--role")
    {
        Description = $"One of {string.Join(", ", NewsroomRole.All)}.",
        HelpName = "ROLE",
        Required = true,
        Validators =
        {
            result =>
            {
                if (result.GetValueOrDefault<string>() is { } role && !NewsroomRole.All.Contains(role))
                {
                    result.AddError($"--role must be one of {string.Join(", ", NewsroomRole.All)}, not '{role}'.");
                }
            },
        },
    };

    private static readonly Option<string?> Name = new("--name")
    {
        Description = "The name bylines and author pages show (default: the login).",
        HelpName = "NAME",
    };

    private static readonly Option<string?> Email = new("--email")
    {
        Description = "The account's email address (default: none, LOGIN@users.invalid).",
        HelpName = "EMAIL",
    };

    private static readonly Option<bool> PasswordStdin = new("--password-stdin")
    {
        Description = "Read the password from the first line of standard input instead of generating one.",
    };

    public static Command Create(ICommandHost host)
    {
        var add = new Command("add", "Create an account; prints its generated password once.") { Login, Role, Name, Email, PasswordStdin, HostArguments.Database };
        add.SetAction((result, cancellationToken) => AddAsync(host, result, cancellationToken));
        var password = new Command("password", "Set a new password for an account; prints a generated one unless one comes on stdin.") { Login, PasswordStdin, HostArguments.Database };
        password.SetAction((result, cancellationToken) => SetPasswordAsync(host, result, cancellationToken));
        var invite = new Command("invite", $"Print a one-time link with which the account sets its own password (it works once, for {PasswordLinks.Lifetime.TotalDays:0} days; a new one replaces any unused).") { Login, HostArguments.Database };
        invite.SetAction((result, cancellationToken) => InviteAsync(host, result, cancellationToken));
        var list = new Command("list", "List the accounts, one a line: login, role, name, author slug.") { HostArguments.Database };
        list.SetAction((result, cancellationToken) => ListAsync(host, result, cancellationToken));
        return new Command("user", "Manage newsroom accounts.") { add, password, invite, list };
    }

    private static Task<int> AddAsync(ICommandHost host, ParseResult result, CancellationToken cancellationToken) =>
        CommandFailure.Guard(async () =>
        {
            var (password, generated) = await PasswordAsync(result);
            var role = result.GetRequiredValue(Role);
            await using var app = await host.StartAsync(result, cancellationToken, ("Logging:LogLevel:Default", "Warning"));
            var created = await app.Services.GetRequiredService<AccountEditor>().CreateAsync(
                new NewAccount(result.GetRequiredValue(Login), role, result.GetValue(Name), result.GetValue(Email), password), cancellationToken);
            if (created.User is not { } user)
            {
                throw new StartupException(string.Join(" ", created.Errors.Values));
            }
            Console.WriteLine(generated
                ? $"Created {user.Login} ({role}). Password, shown only now: {password}"
                : $"Created {user.Login} ({role}).");
            return 0;
        });

    private static Task<int> SetPasswordAsync(ICommandHost host, ParseResult result, CancellationToken cancellationToken) =>
        CommandFailure.Guard(async () =>
        {
            var login = Normalized.Login(result.GetRequiredValue(Login));
            var (password, generated) = await PasswordAsync(result);
            await using var app = await host.StartAsync(result, cancellationToken, ("Logging:LogLevel:Default", "Warning"));
            var users = app.Services.GetRequiredService<UserStore>();
            if (await users.FindByLoginAsync(login, cancellationToken) is not { } user
                || !await users.SetPasswordHashAsync(login, Passwords.Hash(password), cancellationToken))
            {
                throw new StartupException($"There is no account '{login}' (see 'gazette user list').");
            }
            // Whoever knew the old password is signed out everywhere.
            var ended = await app.Services.GetRequiredService<SessionStore>().EndAllAsync(user.Id, cancellationToken: cancellationToken);
            Console.WriteLine(generated ? $"New password for {login}, shown only now: {password}" : $"Password changed for {login}.");
            if (ended > 0)
            {
                Console.WriteLine($"Ended {ended} session(s) of {login}.");
            }
            return 0;
        });

    private static Task<int> InviteAsync(ICommandHost host, ParseResult result, CancellationToken cancellationToken) =>
        CommandFailure.Guard(async () =>
        {
            var login = Normalized.Login(result.GetRequiredValue(Login));
            await using var app = await host.StartAsync(result, cancellationToken, ("Logging:LogLevel:Default", "Warning"));
            if (await app.Services.GetRequiredService<UserStore>().FindByLoginAsync(login, cancellationToken) is not { } user)
            {
                throw new StartupException($"There is no account '{login}' (see 'gazette user list').");
            }
            var links = app.Services.GetRequiredService<PasswordLinks>();
            if (links.BaseUrl is null)
            {
                await Console.Error.WriteLineAsync($"gazette: warning: Gazette:Site:BaseUrl is not set, so the link names {ServeCommand.DefaultUrls}.");
            }
            Console.WriteLine($"Link for {login} to set a password (works once, for {PasswordLinks.Lifetime.TotalDays:0} days): {await links.IssueAsync(user.Id, cancellationToken)}");
            return 0;
        });

    private static Task<int> ListAsync(ICommandHost host, ParseResult result, CancellationToken cancellationToken) =>
        CommandFailure.Guard(async () =>
        {
            await using var app = await host.StartAsync(result, cancellationToken, ("Logging:LogLevel:Default", "Warning"));
            foreach (var user in await app.Services.GetRequiredService<UserStore>().ListAsync(cancellationToken))
            {
                Console.WriteLine($"{user.Login}\t{user.Role}\t{user.DisplayName}\t/author/{user.Slug}/");
            }
            return 0;
        });

    /// <summary>The password from stdin (checked), or a generated one.</summary>
    private static async Task<(string Password, bool Generated)> PasswordAsync(ParseResult result)
    {
        if (!result.GetValue(PasswordStdin))
        {
            return (Passwords.Generate(), true);
        }
        var line = (await Console.In.ReadLineAsync())?.TrimEnd('\r') ?? "";
        return Passwords.Problem(line) is { } problem ? throw new StartupException(problem) : (line, false);
    }

    /// <summary>
    /// An author page must not give away the login, so the slug is made from the
    /// name and, where that would be the login, gets a random suffix.
    /// </summary>
    public static string AuthorSlug(string name, string login)
    {
        var slug = Normalized.Slug(name);
        return slug == login || slug.Length == 0 ? $"{(slug.Length == 0 ? "author" : slug)}-{RandomNumberGenerator.GetHexString(6, lowercase: true)}" : slug;
    }

    private static void CheckLogin(System.CommandLine.Parsing.ArgumentResult result)
    {
        var login = Normalized.Login(result.GetValueOrDefault<string>() ?? "");
        if (AccountEditor.LoginProblem(login) is not null)
        {
            result.AddError($"LOGIN must be 2 to 60 lower-case letters, digits, '.', '_' or '-', not '{login}'.");
        }
    }

}
