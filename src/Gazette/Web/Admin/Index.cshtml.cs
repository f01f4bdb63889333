namespace Gazette.Web.Admin;

/// <summary>The newsroom's first page: each module's panel (queues, schedules, the latest) for the signed-in user.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = NewsroomRole.Policies.Contributors)]
public sealed class DashboardModel(IEnumerable<IDashboardPanel> panels) : AdminPageModel
{
    public IReadOnlyList<(IDashboardPanel Panel, object Content)> Panels { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var shown = new List<(IDashboardPanel, object)>();
        foreach (var panel in panels.OrderBy(panel => panel.Order))
        {
            if (await panel.LoadAsync(Member, cancellationToken) is { } content)
            {
                shown.Add((panel, content));
            }
        }
        Panels = shown;
    }
}
