using Gazette.Web;
using Gazette.Web.Admin;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Accounts.Admin;

/// <summary>Changes the signed-in user's own password and ends every other session of the account.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = NewsroomRole.Policies.Contributors)]
public sealed class PasswordModel(UserStore users, SessionStore sessions) : AdminPageModel
{
    [BindProperty(Name = "current")]
    public string? Current { get; set; }

    [BindProperty(Name = "new")]
    public string? New { get; set; }

    [BindProperty(Name = "confirm")]
    public string? Confirm { get; set; }

    public Dictionary<string, string> Errors { get; } = [];

    public string? Invalid(string field) => Errors.ContainsKey(field) ? "true" : null;

    public string? DescribedBy(string field) => Errors.ContainsKey(field) ? field + "-error" : null;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(Member.Id, cancellationToken);
        if (user is null || !Passwords.Verify(user.PasswordHash, Current ?? "", out _))
        {
            Errors["current"] = "This is not your current password.";
        }
        if (Passwords.Problem(New ?? "") is { } problem)
        {
            Errors["new"] = problem;
        }
        else if (New != Confirm)
        {
            Errors["confirm"] = "The two new passwords differ.";
        }
        if (Errors.Count > 0 || user is null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        await users.SetPasswordHashAsync(user.Login, Passwords.Hash(New!), cancellationToken);
        var ended = await sessions.EndAllAsync(user.Id, SessionSignIn.TokenOf(User), cancellationToken);
        Flash = ended == 0 ? "Your password is changed." : $"Your password is changed; {ended} other session{(ended == 1 ? " was" : "s were")} logged out.";
        return Redirect("/admin/");
    }
}
