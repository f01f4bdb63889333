using System.Reflection;

namespace Gazette.Storage;

/// <summary>
/// Where one module keeps its migration scripts: embedded resources named
/// <c>{Prefix}.{dialect}.NNNN_name.sql</c>. Storage runs every module's
/// scripts in one order, by their number, without knowing the modules.
/// </summary>
public sealed record MigrationSource(Assembly Assembly, string Prefix);
