using Gazette.Web;
using Gazette.Web.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Accounts.Admin;

/// <summary>An administrator changes an account's name, email and role, gives it a new password (ending its sessions), or revokes its application passwords.</summary>
[Authorize(Policy = NewsroomRole.Policies.Administrators)]
public sealed class UserModel(UserStore users, AccountEditor accounts, ApplicationPasswordStore applicationPasswords) : AdminPageModel
{
    public User Account { get; private set; } = null!;

    [BindProperty(Name = "name")]
    public string? Name { get; set; }

    [BindProperty(Name = "email")]
    public string? Email { get; set; }

    [BindProperty(Name = "role")]
    public string? Role { get; set; }

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public string? NewPassword { get; private set; }

    public IReadOnlyList<ApplicationPassword> ApplicationPasswords { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id, cancellationToken) is not { } account)
        {
            return NotFound();
        }
        await ShowAsync(account, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id, cancellationToken) is not { } account)
        {
            return NotFound();
        }
        Account = account;
        Errors = await accounts.UpdateAsync(id, Name ?? "", Email ?? "", Role ?? "", cancellationToken);
        if (Errors.Count > 0)
        {
            ApplicationPasswords = await applicationPasswords.ListAsync(id, cancellationToken);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        Flash = $"Saved {account.Login}.";
        return Redirect($"/admin/users/{id}");
    }

    public async Task<IActionResult> OnPostPasswordAsync(long id, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id, cancellationToken) is not { } account)
        {
            return NotFound();
        }
        NewPassword = await accounts.ResetPasswordAsync(id, cancellationToken);
        await ShowAsync(account, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, string? uuid, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id, cancellationToken) is not { } account)
        {
            return NotFound();
        }
        Flash = await applicationPasswords.RevokeAsync(id, uuid ?? "", cancellationToken)
            ? $"Revoked an application password of {account.Login}."
            : "That application password was already revoked.";
        return Redirect($"/admin/users/{id}");
    }

    private async Task ShowAsync(User account, CancellationToken cancellationToken)
    {
        ApplicationPasswords = await applicationPasswords.ListAsync(account.Id, cancellationToken);
        Account = account;
        Name = account.DisplayName;
        Email = account.Email;
        Role = account.Role;
    }
}
