using Gazette.Web;
using Gazette.Web.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Accounts.Admin;

/// <summary>An administrator changes an account's name, email and role, or gives it a new password (ending its sessions).</summary>
[Authorize(Policy = NewsroomRole.Policies.Administrators)]
public sealed class UserModel(UserStore users, AccountEditor accounts) : AdminPageModel
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

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id, cancellationToken) is not { } account)
        {
            return NotFound();
        }
        Show(account);
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
        Show(account);
        return Page();
    }

    private void Show(User account)
    {
        Account = account;
        Name = account.DisplayName;
        Email = account.Email;
        Role = account.Role;
    }
}
