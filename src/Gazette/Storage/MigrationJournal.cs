using System.Data;
using DbUp.Engine;

namespace Gazette.Storage;

/// <summary>
/// DbUp's journal, plus one rule: a script that says <c>-- replaces NAME</c> in
/// its first lines counts as applied where NAME was. The first release's two
/// scripts were split among the modules that own their tables; a database made
/// by that release has them recorded under their old names, and must not run
/// the split scripts again. That release also recorded each script by its whole
/// resource name, which counts as the file name it ends with.
/// </summary>
internal sealed class MigrationJournal(IJournal inner, IReadOnlyList<SqlScript> scripts) : IJournal
{
    private const string Marker = "-- replaces ";

    public string[] GetExecutedScripts()
    {
        var executed = inner.GetExecutedScripts();
        // The first release recorded whole resource names (Gazette.Storage.Migrations.sqlite.0001_initial.sql);
        // scripts are named by their file now.
        var recorded = new HashSet<string>(executed.Select(FileName), StringComparer.Ordinal);
        var replacing = scripts.Where(script => Replaces(script) is { } old && recorded.Contains(old)).Select(script => script.Name);
        return [.. executed.Union(recorded, StringComparer.Ordinal).Union(replacing, StringComparer.Ordinal)];
    }

    private static string FileName(string recorded)
    {
        foreach (var dialect in new[] { ".sqlite.", ".postgres." })
        {
            var at = recorded.LastIndexOf(dialect, StringComparison.Ordinal);
            if (at >= 0)
            {
                return recorded[(at + dialect.Length)..];
            }
        }
        return recorded;
    }

    public void StoreExecutedScript(SqlScript script, Func<IDbCommand> dbCommandFactory) => inner.StoreExecutedScript(script, dbCommandFactory);

    public void EnsureTableExistsAndIsLatestVersion(Func<IDbCommand> dbCommandFactory) => inner.EnsureTableExistsAndIsLatestVersion(dbCommandFactory);

    public static string? Replaces(SqlScript script) =>
        script.Contents.Split('\n', 6).Select(line => line.Trim()).FirstOrDefault(line => line.StartsWith(Marker, StringComparison.Ordinal))?[Marker.Length..].Trim();
}
