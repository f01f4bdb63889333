using Dapper;
using Gazette.Storage;

namespace Gazette.Tests.Infrastructure;

/// <summary>Reads a database's own catalogue, for comparing the two dialects' schemas.</summary>
public static class SchemaReader
{
    private const string Journal = "schemaversions";

    public sealed record Column(string Name, bool Nullable);

    public static async Task<Dictionary<string, List<Column>>> TablesAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        IEnumerable<(string Table, string Column, bool Nullable)> rows = database is SqliteDatabase
            ? await connection.QueryAsync<(string, string, bool)>(
                """
                select m.name, c.name, (c."notnull" = 0 and c.pk = 0)
                from sqlite_master m join pragma_table_info(m.name) c
                where m.type = 'table' and m.name not like 'sqlite_%'
                """)
            : await connection.QueryAsync<(string, string, bool)>(
                """
                select table_name, column_name, is_nullable = 'YES'
                from information_schema.columns where table_schema = 'public'
                """);
        return rows.Where(row => !row.Table.Equals(Journal, StringComparison.OrdinalIgnoreCase))
            .GroupBy(row => row.Table, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(row => new Column(row.Column, row.Nullable)).ToList(), StringComparer.Ordinal);
    }

    /// <summary>Named indexes as "name on table(columns) [unique]"; primary keys are compared as columns instead.</summary>
    public static async Task<List<string>> IndexesAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        IEnumerable<(string Table, string Index, bool Unique, string Columns)> rows = database is SqliteDatabase
            ? await connection.QueryAsync<(string, string, bool, string)>(
                """
                select m.name, il.name, il."unique", (select group_concat(ii.name, ',') from pragma_index_info(il.name) ii)
                from sqlite_master m join pragma_index_list(m.name) il
                where m.type = 'table' and il.origin = 'c'
                """)
            : await connection.QueryAsync<(string, string, bool, string)>(
                """
                select t.relname, i.relname, ix.indisunique,
                       (select string_agg(a.attname, ',' order by k.ord)
                        from unnest(ix.indkey) with ordinality k(attnum, ord)
                        join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum)
                from pg_index ix
                join pg_class i on i.oid = ix.indexrelid
                join pg_class t on t.oid = ix.indrelid
                join pg_namespace n on n.oid = t.relnamespace
                where n.nspname = 'public' and not ix.indisprimary
                """);
        return rows.Where(row => !row.Table.Equals(Journal, StringComparison.OrdinalIgnoreCase))
            .Select(row => $"{row.Index} on {row.Table}({row.Columns}){(row.Unique ? " unique" : "")}")
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
