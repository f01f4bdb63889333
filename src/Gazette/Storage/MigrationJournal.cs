using System.Data;
using DbUp.Engine;

namespace Gazette.Storage;

/// <summary>
/// DbUp's journal, plus one rule: a script that says <c>-- replaces NAME</c> in
/// its first lines counts as applied where NAME was. The first release's two
/// scripts were split among the modules that own their tables; a database made
/// by that release has them recorded under their old names, and must not run
/// the split scripts again.
/// </summary>
internal sealed class MigrationJournal(IJournal inner, IReadOnlyList<SqlScript> scripts) : IJournal
{
    private const string Marker = "-- replaces ";

    public string[] GetExecutedScripts()
    {
        var executed = inner.GetExecutedScripts();
        var recorded = new HashSet<string>(executed, StringComparer.Ordinal);
        var replacing = scripts.Where(script => Replaces(script) is { } old && recorded.Contains(old)).Select(script => script.Name);
        return [.. executed.Union(replacing, StringComparer.Ordinal)];
    }

    public void StoreExecutedScript(SqlScript script, Func<IDbCommand> dbCommandFactory) => inner.StoreExecutedScript(script, dbCommandFactory);

    public void EnsureTableExistsAndIsLatestVersion(Func<IDbCommand> dbCommandFactory) => inner.EnsureTableExistsAndIsLatestVersion(dbCommandFactory);

    public static string? Replaces(SqlScript script) =>
        script.Contents.Split('\n', 6).Select(line => line.Trim()).FirstOrDefault(line => line.StartsWith(Marker, StringComparison.Ordinal))?[Marker.Length..].Trim();
}
