using System.CommandLine;

namespace Gazette.Hosting;

/// <summary>
/// What a command needs to work on the site: the host built from its
/// arguments as <c>serve</c> builds it, checked by <see cref="Preflight"/>
/// (configuration, database, schema) before the command touches anything.
/// Only <c>serve</c> and <c>migrate</c> make a site: a command run where there
/// is none fails, naming where it looked, rather than leaving an empty one behind.
/// </summary>
public interface ICommandHost
{
    Task<WebApplication> StartAsync(ParseResult result, CancellationToken cancellationToken, params (string Key, string? Value)[] settings);
}
