using Gazette.Web;
using Gazette.Web.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Settings.Admin;

/// <summary>The administrators' settings page: a failed save shows what was typed, with each error by its field.</summary>
[Authorize(Policy = NewsroomRole.Policies.Administrators)]
public sealed class SettingsModel(SettingsEditor editor) : AdminPageModel
{
    public IReadOnlyList<SettingValue> Values { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public void OnGet() => Values = editor.Current();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var posted = Request.Form.ToDictionary(pair => pair.Key, pair => (string?)pair.Value.ToString(), StringComparer.Ordinal);
        Errors = await editor.SaveAsync(Member, posted, cancellationToken);
        if (Errors.Count == 0)
        {
            Flash = "Settings saved. Every page shows them from the next request.";
            return Redirect("/admin/settings");
        }
        Values = [.. editor.Current().Select(value => value.Locked ? value : value with { Value = posted.GetValueOrDefault(value.Setting.Field) ?? "" })];
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
