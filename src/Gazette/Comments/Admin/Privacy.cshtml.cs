using System.Text;
using Gazette.Web;
using Gazette.Web.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Comments.Admin;

/// <summary>
/// WordPress's privacy tools for one email address: export what is stored as
/// a JSON download, anonymize the comments, or erase them. Only
/// administrators: the export holds a person's addresses and user agents.
/// </summary>
[Authorize(Policy = NewsroomRole.Policies.Administrators)]
public sealed class PrivacyModel(PersonalDataTools tools) : AdminPageModel
{
    [BindProperty(Name = ModerationResult.EmailField)]
    public string? Email { get; set; }

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public void OnGet()
    {
    }

    /// <summary>The button pressed is the form's <c>handler</c> (Razor Pages itself reads it from the query string only).</summary>
    public async Task<IActionResult> OnPostAsync(string? handler, CancellationToken cancellationToken)
    {
        var email = Email ?? "";
        switch (handler)
        {
            case "export":
                var export = await tools.ExportAsync(Member, email, cancellationToken);
                return export.Succeeded ? File(Encoding.UTF8.GetBytes(export.Json!), "application/json", "personal-data.json") : Refused(export);
            case "anonymize":
                return Done(await tools.AnonymizeAsync(Member, email, cancellationToken), "anonymized: the text stays, who wrote it is gone");
            case "erase":
                return Done(await tools.EraseCommentsAsync(Member, email, cancellationToken), "erased; replies by others stay");
            default:
                return Refused(PersonalDataResult.Failed(ModerationResult.Failed(ModerationResult.WholeForm, "Choose Export, Anonymize or Erase.")));
        }
    }

    private IActionResult Done(PersonalDataResult result, string what)
    {
        if (!result.Succeeded)
        {
            return Refused(result);
        }
        Flash = ModerationActions.Counted(result.Comments, what);
        return Redirect("/admin/privacy");
    }

    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult Refused(PersonalDataResult result)
    {
        Errors = result.Errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
