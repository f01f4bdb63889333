namespace Gazette.Hosting;

/// <summary>
/// A folder a module writes the site's files to (media, say), registered so
/// that <c>gazette doctor</c> checks it is writable and has room, without
/// knowing the module.
/// </summary>
public sealed record SiteFolder(string Purpose, string Path);
