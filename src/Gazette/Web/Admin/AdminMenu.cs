namespace Gazette.Web.Admin;

/// <summary>One entry of the newsroom's navigation, shown to <see cref="LeastRole"/> and stronger roles.</summary>
public sealed record AdminMenuItem(string Title, string Path, string LeastRole, int Order);

/// <summary>
/// A part of the dashboard a module contributes: <see cref="View"/> is the Razor
/// partial that renders what <see cref="LoadAsync"/> returns (null: nothing for this user).
/// </summary>
public interface IDashboardPanel
{
    int Order { get; }

    string View { get; }

    Task<object?> LoadAsync(NewsroomUser user, CancellationToken cancellationToken);
}

public static class AdminMenuServiceCollectionExtensions
{
    public static IServiceCollection AddAdminMenuItem(this IServiceCollection services, AdminMenuItem item) => services.AddSingleton(item);

    public static IServiceCollection AddDashboardPanel<TPanel>(this IServiceCollection services)
        where TPanel : class, IDashboardPanel => services.AddSingleton<IDashboardPanel, TPanel>();
}
