using Dapper;
using Gazette.Import.Contracts;
using Gazette.Kernel;
using Gazette.Storage;

namespace Gazette.Import;

/// <summary>Old names read from the import map (<see cref="ImportMap"/>), for the old-link redirects.</summary>
public sealed class ImportedNames(Database database) : IImportedNames
{
    public async Task<long?> ArticleAsync(long wordPressId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "select target_id from import_map where kind in (@post, @page) and source_id = @id",
            new { post = ImportMap.Post, page = ImportMap.Page, id = wordPressId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            cancellationToken: cancellationToken));
    }

    public async Task<long?> MemberAsync(string authorSlug, CancellationToken cancellationToken)
    {
        var slug = Normalized.Slug(authorSlug);
        if (slug.Length == 0)
        {
            return null;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        // WordPress names an author page by the login made into a slug (user_nicename), which SQL cannot compute: the imported logins are few.
        var users = await connection.QueryAsync<(string Login, long? Id)>(new CommandDefinition(
            "select source_id, target_id from import_map where kind = @kind", new { kind = ImportMap.User }, cancellationToken: cancellationToken));
        return users.Where(user => Normalized.Slug(user.Login) == slug).Select(user => user.Id).FirstOrDefault();
    }

    public async Task<long?> MemberAsync(long wordPressId, CancellationToken cancellationToken) =>
        (await FindAsync(ImportMap.UserId, wordPressId, cancellationToken)).Id;

    public async Task<string?> SectionSlugAsync(long wordPressTermId, CancellationToken cancellationToken) =>
        (await FindAsync(ImportMap.CategoryId, wordPressTermId, cancellationToken)).Key;

    private async Task<(long? Id, string? Key)> FindAsync(string kind, long wordPressId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<(long? Id, string? Key)>(new CommandDefinition(
            "select target_id, target_key from import_map where kind = @kind and source_id = @id",
            new { kind, id = wordPressId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken: cancellationToken));
    }

    public async Task<string?> TermSlugAsync(bool tag, string wordPressSlug, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // WordPress keeps a slug in another script percent-encoded (%e4%b8%ad), which the request's path arrives decoded from.
        var slug = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select target_key from import_map where kind = @kind and source_id in (@plain, @encoded)",
            new { kind = tag ? ImportMap.Tag : ImportMap.Category, plain = wordPressSlug.ToLowerInvariant(), encoded = Uri.EscapeDataString(wordPressSlug).ToLowerInvariant() },
            cancellationToken: cancellationToken));
        return string.IsNullOrEmpty(slug) ? null : slug;
    }
}
