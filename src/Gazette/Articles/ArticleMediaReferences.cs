using Dapper;
using Gazette.Media.Contracts;
using Gazette.Storage;

namespace Gazette.Articles;

/// <summary>Tells the media library which articles show an image (as their featured image or in their body), so an author cannot delete one a page still shows.</summary>
public sealed class ArticleMediaReferences(Database database) : IMediaReferences
{
    public async Task<IReadOnlyList<string>> FindUsesAsync(long mediaId, string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var titles = await connection.QueryAsync<string>(new CommandDefinition(
            """
            select title from articles
            where status <> 'trash' and (featured_media_id = @mediaId or body_markdown like @mention)
            order by id limit 20
            """,
            new { mediaId, mention = "%/media/" + name + "%" }, cancellationToken: cancellationToken));
        return titles.AsList();
    }
}
