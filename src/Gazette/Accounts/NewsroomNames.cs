using Dapper;
using Gazette.Articles.Contracts;
using Gazette.Storage;

namespace Gazette.Accounts;

/// <summary>Members' display names for other modules' lists (who submitted, who saved) and the editor's byline choices.</summary>
public sealed class NewsroomNames(Database database) : INewsroomNames
{
    public async Task<IReadOnlyDictionary<long, string>> DisplayNamesAsync(IReadOnlyCollection<long> userIds, CancellationToken cancellationToken)
    {
        var names = new Dictionary<long, string>();
        if (userIds.Count == 0)
        {
            return names;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        // One lookup per id: Dapper expands "in @ids" on SQLite but sends an array on PostgreSQL.
        foreach (var id in userIds.Distinct())
        {
            if (await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                    "select display_name from users where id = @id", new { id }, cancellationToken: cancellationToken)) is { } name)
            {
                names[id] = name;
            }
        }
        return names;
    }

    public async Task<IReadOnlyList<NewsroomMember>> MembersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<NewsroomMember>(new CommandDefinition(
            "select id, display_name as name from users order by display_name, id", cancellationToken: cancellationToken))).AsList();
    }
}
