using Gazette.Web;
using Gazette.Web.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Accounts.Admin;

/// <summary>Administrators list the newsroom's accounts and add one; its generated password is shown once, in the answer, never stored or carried over a redirect.</summary>
[Authorize(Policy = NewsroomRole.Policies.Administrators)]
public sealed class UsersModel(UserStore users, AccountEditor accounts) : AdminPageModel
{
    public IReadOnlyList<User> Users { get; private set; } = [];

    [BindProperty(Name = "login")]
    public string? Login { get; set; }

    [BindProperty(Name = "name")]
    public string? Name { get; set; }

    [BindProperty(Name = "email")]
    public string? Email { get; set; }

    [BindProperty(Name = "role")]
    public string? Role { get; set; }

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public User? Created { get; private set; }

    public string? GeneratedPassword { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Users = await users.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await accounts.CreateAsync(new NewAccount(Login ?? "", Role ?? "", Name, Email), cancellationToken);
        Errors = result.Errors;
        if (result.User is { } user)
        {
            Created = user;
            GeneratedPassword = result.GeneratedPassword;
            Login = Name = Email = Role = null;
        }
        else
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        Users = await users.ListAsync(cancellationToken);
        return Page();
    }
}
