using System.Globalization;
using Gazette.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gazette.Accounts.Admin;

/// <summary>
/// The newsroom's door. Failures are counted per login and address
/// (<see cref="LoginThrottle"/>): after five, that address waits, so guessing is
/// slow and nobody elsewhere is locked out. The answer never says whether the
/// login exists.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(UserStore users, LoginThrottle throttle) : PageModel
{
    public const string WrongCredentials = "The login or password is not right.";

    [BindProperty(Name = "login")]
    public string? Login { get; set; }

    [BindProperty(Name = "password")]
    public string? Password { get; set; }

    [BindProperty(Name = "returnUrl", SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(Name = "loggedout", SupportsGet = true)]
    public bool LoggedOut { get; set; }

    /// <summary>Sent here by a one-time link (<see cref="WelcomeModel"/>) that has just set the password.</summary>
    [BindProperty(Name = "welcome", SupportsGet = true)]
    public bool Welcome { get; set; }

    public string? Error { get; private set; }

    public IActionResult OnGet() => NewsroomUser.From(User) is null ? Page() : Redirect(Destination);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Login = Login?.Trim() ?? "";
        if (Login.Length == 0 || string.IsNullOrEmpty(Password))
        {
            return Refuse("Enter your login and your password.");
        }
        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var wait = await throttle.WaitAsync(Login, address, cancellationToken);
        if (wait > TimeSpan.Zero)
        {
            return Refuse(string.Create(CultureInfo.InvariantCulture,
                $"Too many failed attempts from here. Try again in {Math.Ceiling(wait.TotalMinutes):0} minute{(wait.TotalMinutes > 1 ? "s" : "")}."), StatusCodes.Status429TooManyRequests);
        }
        var user = await users.FindByLoginAsync(Login, cancellationToken);
        if (!Passwords.Verify(user?.PasswordHash ?? Passwords.Unmatched, Password, out var rehash) || user is null)
        {
            await throttle.RecordFailureAsync(Login, address, cancellationToken);
            return Refuse(WrongCredentials);
        }
        await throttle.ClearAsync(Login, address, cancellationToken);
        if (rehash)
        {
            await users.SetPasswordHashAsync(user.Login, Passwords.Hash(Password), cancellationToken);
        }
        await SessionSignIn.SignInAsync(HttpContext, user, cancellationToken);
        return Redirect(Destination);
    }

    /// <summary>Only a newsroom path: a login link must not send anyone off the site.</summary>
    private string Destination =>
        ReturnUrl is { Length: > 0 } url && url.StartsWith("/admin", StringComparison.Ordinal) && !url.StartsWith("/admin/login", StringComparison.Ordinal) && Url.IsLocalUrl(url)
            ? url
            : "/admin/";

    private PageResult Refuse(string error, int status = StatusCodes.Status422UnprocessableEntity)
    {
        Error = error;
        Password = null;
        Response.StatusCode = status;
        return Page();
    }
}
