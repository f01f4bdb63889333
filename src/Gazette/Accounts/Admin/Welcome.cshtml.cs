using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gazette.Accounts.Admin;

/// <summary>
/// Where a one-time link (<see cref="PasswordLinks"/>) leads: the member sets a
/// password and is sent to the login page. A used, expired or mangled link gets
/// a page saying so, with a 404, and changes nothing.
/// </summary>
[AllowAnonymous]
public sealed class WelcomeModel(PasswordLinks links) : PageModel
{
    [BindProperty(Name = "new")]
    public string? New { get; set; }

    [BindProperty(Name = "confirm")]
    public string? Confirm { get; set; }

    public User? Member { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    public string? Invalid(string field) => Errors.ContainsKey(field) ? "true" : null;

    public string? DescribedBy(string field) => Errors.ContainsKey(field) ? field + "-error" : null;

    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken cancellationToken)
    {
        Member = await links.FindUserAsync(token ?? "", cancellationToken);
        return Answer();
    }

    public async Task<IActionResult> OnPostAsync(string? token, CancellationToken cancellationToken)
    {
        Member = await links.FindUserAsync(token ?? "", cancellationToken);
        if (Member is null)
        {
            return Answer();
        }
        if (Passwords.Problem(New ?? "") is { } problem)
        {
            Errors["new"] = problem;
        }
        else if (New != Confirm)
        {
            Errors["confirm"] = "The two passwords differ.";
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        if (!await links.SetPasswordAsync(token!, New!, cancellationToken))
        {
            // Spent by another request between the two reads.
            Member = null;
            return Answer();
        }
        return Redirect("/admin/login?welcome=1");
    }

    private PageResult Answer()
    {
        if (Member is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }
}
