using Gazette.Web;
using Gazette.Hosting;
using Gazette.Storage;

namespace Gazette.Accounts;

/// <summary>
/// No default password anywhere: the first <c>serve</c> of a site without
/// accounts creates the administrator <c>admin</c> with a generated password and
/// prints it once, beside the site's address. Another node starting at the same
/// moment loses the race on the unique login and prints nothing. Other commands
/// create no account (the password would go unseen); <c>gazette user add</c>
/// makes one there.
/// </summary>
public sealed class FirstAdministrator(UserStore users, Database database, IConfiguration configuration, ILogger<FirstAdministrator> logger) : IStartupTask
{
    public const string Login = "admin";

    private string? _password;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (configuration[HostArguments.ServingKey] != "true" || await users.AnyAsync(cancellationToken))
        {
            return;
        }
        var password = Passwords.Generate();
        try
        {
            await users.CreateAsync(new User
            {
                Login = Login,
                DisplayName = "Administrator",
                Slug = UserCommand.AuthorSlug("Administrator", Login),
                Email = $"{Login}@users.invalid",
                PasswordHash = Passwords.Hash(password),
                Role = NewsroomRole.Administrator,
            }, cancellationToken);
        }
        catch (System.Data.Common.DbException ex) when (database.Dialect.IsUniqueViolation(ex))
        {
            logger.LogInformation(ex, "Another node created the first administrator");
            return;
        }
        _password = password;
    }

    public string? Announce(string baseUrl) => _password is { } password
        ? $"Newsroom administrator: {Login}, one-time password {password} (shown only now; set your own with 'gazette user password {Login}')."
        : null;
}
