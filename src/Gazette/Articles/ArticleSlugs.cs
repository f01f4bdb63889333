using System.Data.Common;
using System.Globalization;
using Dapper;
using Gazette.Kernel;

namespace Gazette.Articles;

/// <summary>
/// Slugs are unique across articles and pages (a pattern such as /%postname%/
/// puts both at the site's root, and the pattern can change after they are
/// written) and never a reserved word.
/// </summary>
public static class ArticleSlugs
{
    /// <summary>WordPress's rule for a slug made rather than chosen: a taken (or here, reserved) one gets -2, -3 ... until it is free.</summary>
    public static async Task<string> UniqueAsync(DbConnection connection, DbTransaction transaction, string kind, string wanted, long? exceptId, CancellationToken cancellationToken)
    {
        var stem = wanted.Length == 0 ? kind : wanted;
        for (var n = 1; ; n++)
        {
            var candidate = n == 1 ? stem : string.Create(CultureInfo.InvariantCulture, $"{stem}-{n}");
            if (!ReservedWords.IsReserved(candidate) && !ReservedWords.IsDateLike(candidate) && !await IsTakenAsync(connection, transaction, candidate, exceptId, cancellationToken))
            {
                return candidate;
            }
        }
    }

    /// <summary>Whether another article or page (not <paramref name="exceptId"/>) has the slug.</summary>
    /// <remarks>Both kinds are named because kind leads the index: without it every check reads the whole index.</remarks>
    public static async Task<bool> IsTakenAsync(DbConnection connection, DbTransaction transaction, string slug, long? exceptId, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from articles where kind in ('article', 'page') and slug = @slug and (@exceptId is null or id <> @exceptId))",
            new { slug, exceptId }, transaction, cancellationToken: cancellationToken));
}
