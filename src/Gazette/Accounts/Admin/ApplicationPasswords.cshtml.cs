using Gazette.Web;
using Gazette.Web.Admin;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Accounts.Admin;

/// <summary>
/// The signed-in member's application passwords: listed by name and use, made
/// by name (the password shown once, on the answer to the form), revoked one by one.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = NewsroomRole.Policies.Contributors)]
public sealed class ApplicationPasswordsModel(ApplicationPasswordStore passwords) : AdminPageModel
{
    [BindProperty(Name = "name")]
    public string? Name { get; set; }

    public Dictionary<string, string> Errors { get; } = [];

    public IReadOnlyList<ApplicationPassword> Passwords { get; private set; } = [];

    /// <summary>The password just made, grouped in fours: on this answer only.</summary>
    public string? NewPassword { get; private set; }

    public string? NewName { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Passwords = await passwords.ListAsync(Member.Id, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ApplicationPasswordStore.NameProblem(Name ?? "") is { } problem)
        {
            Errors["name"] = problem;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        else
        {
            NewPassword = await passwords.CreateAsync(Member.Id, Name!, cancellationToken);
            NewName = Name!.Trim();
            Name = null;
        }
        Passwords = await passwords.ListAsync(Member.Id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string? uuid, CancellationToken cancellationToken)
    {
        Flash = await passwords.RevokeAsync(Member.Id, uuid ?? "", cancellationToken)
            ? "The application password is revoked: apps using it are signed out."
            : "That application password was already revoked.";
        return Redirect("/admin/profile/application-passwords");
    }
}
