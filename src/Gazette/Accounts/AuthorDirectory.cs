using Dapper;
using Gazette.Articles.Contracts;
using Gazette.Kernel;
using Gazette.Storage;

namespace Gazette.Accounts;

/// <summary>Members as the public knows them: display name and the slug of their author page, never the login or email.</summary>
public sealed class AuthorDirectory(Database database) : IAuthorDirectory
{
    public async Task<PublicAuthor?> FindBySlugAsync(string slug, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<PublicAuthor>(new CommandDefinition(
            "select id, slug, display_name from users where slug = @slug",
            new { slug = Normalized.Slug(slug) }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyDictionary<long, PublicAuthor>> FindAsync(IReadOnlyCollection<long> userIds, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
        {
            return new Dictionary<long, PublicAuthor>();
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PublicAuthor>(new CommandDefinition(
            $"select id, slug, display_name from users where {database.Dialect.InList("id", "ids")}",
            new { ids = userIds.Distinct().ToArray() }, cancellationToken: cancellationToken));
        return rows.ToDictionary(author => author.Id);
    }
}
