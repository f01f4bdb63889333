namespace Gazette.Hosting;

/// <summary>
/// Work a module needs done once the schema is current and before the site
/// serves (publishing the sample article on an empty site, say). Runs on
/// every start, so it must be idempotent and safe when nodes start together.
/// </summary>
public interface IStartupTask
{
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>A line for the operator once the site listens at <paramref name="baseUrl"/>, or null.</summary>
    string? Announce(string baseUrl);
}
