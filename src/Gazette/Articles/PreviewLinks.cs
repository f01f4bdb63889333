using System.Security.Cryptography;
using System.Text;
using Dapper;
using Gazette.Events;
using Gazette.Storage;
using Gazette.Web;

namespace Gazette.Articles;

/// <summary>A preview link as the newsroom lists it (the token itself is never stored, so never shown again).</summary>
public sealed record PreviewLink
{
    public long Id { get; init; }
    public long ArticleId { get; init; }
    public long? CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>A link just made: its token and path, shown once to the one who made it.</summary>
public sealed record CreatedPreviewLink(long Id, string Token, string Path, DateTimeOffset ExpiresAt);

/// <summary>
/// Links that show an unpublished article, as it will look, to someone without
/// an account (a lawyer, a source) until they expire or are revoked. Only the
/// SHA-256 of the token is stored, so the table cannot be read back into links.
/// </summary>
public sealed class PreviewLinks(Database database, UnitsOfWork units, TimeProvider time)
{
    public const string PathPrefix = "/preview/";
    public static readonly TimeSpan LongestLifetime = TimeSpan.FromDays(30);

    public static string PathOf(string token) => PathPrefix + token + "/";

    /// <summary>A new link to the article, valid for <paramref name="lifetime"/> (at most 30 days); null when the article does not exist or the user may not open it.</summary>
    public async Task<CreatedPreviewLink?> CreateAsync(NewsroomUser actor, long articleId, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        var now = time.GetUtcNow();
        var expiresAt = now + (lifetime > LongestLifetime ? LongestLifetime : lifetime);
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        await using var work = await units.BeginAsync(cancellationToken);
        if (await ArticleStore.FindAsync(work.Connection, work.Transaction, articleId, cancellationToken) is not { } article || !ArticleRules.MayOpen(actor, article))
        {
            return null;
        }
        var id = await work.Connection.ExecuteScalarAsync<long>(work.Command(
            """
            insert into preview_links (token_hash, article_id, created_by, created_at, expires_at)
            values (@hash, @articleId, @createdBy, @now, @expiresAt) returning id
            """,
            new { hash = Hash(token), articleId, createdBy = actor.Id, now, expiresAt }, cancellationToken));
        await work.CommitAsync(cancellationToken);
        return new CreatedPreviewLink(id, token, PathOf(token), expiresAt);
    }

    /// <summary>The article a token shows, if the link exists and has not expired and the article is not in the trash.</summary>
    public async Task<Article?> ResolveAsync(string token, CancellationToken cancellationToken = default)
    {
        if (token.Length is 0 or > 100)
        {
            return null;
        }
        var hash = Hash(token);
        await using var connection = await database.OpenAsync(cancellationToken);
        var link = await connection.QuerySingleOrDefaultAsync<StoredLink>(new CommandDefinition(
            "select token_hash, article_id, expires_at from preview_links where token_hash = @hash", new { hash }, cancellationToken: cancellationToken));
        if (link is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(link.TokenHash), Encoding.ASCII.GetBytes(hash))
            || link.ExpiresAt <= time.GetUtcNow())
        {
            return null;
        }
        var article = await ArticleStore.FindAsync(connection, null, link.ArticleId, cancellationToken);
        return article?.Status == ArticleStatus.Trash ? null : article;
    }

    /// <summary>The article's links, newest first (expired ones included until revoked).</summary>
    public async Task<IReadOnlyList<PreviewLink>> ListAsync(NewsroomUser actor, long articleId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await ArticleStore.FindAsync(connection, null, articleId, cancellationToken) is not { } article || !ArticleRules.MayOpen(actor, article))
        {
            return [];
        }
        var rows = await connection.QueryAsync<PreviewLink>(new CommandDefinition(
            "select id, article_id, created_by, created_at, expires_at from preview_links where article_id = @articleId order by id desc",
            new { articleId }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Ends a link at once; false when it does not exist or the user may not open its article.</summary>
    public async Task<bool> RevokeAsync(NewsroomUser actor, long linkId, CancellationToken cancellationToken = default)
    {
        await using var work = await units.BeginAsync(cancellationToken);
        var articleId = await work.Connection.ExecuteScalarAsync<long?>(work.Command(
            "select article_id from preview_links where id = @linkId", new { linkId }, cancellationToken));
        if (articleId is not { } id || await ArticleStore.FindAsync(work.Connection, work.Transaction, id, cancellationToken) is not { } article || !ArticleRules.MayOpen(actor, article))
        {
            return false;
        }
        await work.Connection.ExecuteAsync(work.Command("delete from preview_links where id = @linkId", new { linkId }, cancellationToken));
        await work.CommitAsync(cancellationToken);
        return true;
    }

    private sealed record StoredLink
    {
        public required string TokenHash { get; init; }
        public long ArticleId { get; init; }
        public DateTimeOffset ExpiresAt { get; init; }
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
