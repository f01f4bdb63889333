using Dapper;
using Gazette.Articles.Contracts;
using Gazette.Events;
using Gazette.Storage;

namespace Gazette.Search;

/// <summary>The index was written for these articles: every node's cached results may show them otherwise now.</summary>
public sealed record SearchIndexChanged(IReadOnlyList<long> ArticleIds);

/// <summary>
/// Keeps the index equal to what the public may see: an article is read back
/// through <see cref="IPublicArticles"/> and written, or removed when the public
/// may no longer see it (unpublished, trashed, embargoed). Doing it twice changes nothing.
/// Each write raises <see cref="SearchIndexChanged"/>, so cached results go as the index changes, not before.
/// </summary>
public sealed class SearchIndex(Database database, UnitsOfWork units, SearchEngine engine, IPublicArticles articles) : IPublicArticleProjection
{
    private const int BuildBatch = 200;

    public string CursorName => "search:index";

    public string BuildJobName => "search:build";

    public int BuildStepsPerRun => 50;

    public SearchEngine Engine => engine;

    public async Task RefreshAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        var visible = (await articles.FindManyAsync(ids, cancellationToken)).ToDictionary(article => article.Id);
        await using var work = await units.BeginAsync(cancellationToken);
        var indexed = (await work.Connection.QueryAsync<long>(work.Command(
            $"select article_id from search_documents where {work.Dialect.InList("article_id", "ids")}", new { ids = ids.ToArray() }, cancellationToken))).ToHashSet();
        foreach (var id in ids)
        {
            if (visible.TryGetValue(id, out var article))
            {
                await engine.UpsertAsync(work.Connection, SearchDocument.From(article), cancellationToken);
            }
            else
            {
                await engine.DeleteAsync(work.Connection, id, cancellationToken);
            }
        }
        // An article that neither was nor is in the index (a draft saved, a story scheduled) changes no results.
        if (ids.Where(id => visible.ContainsKey(id) || indexed.Contains(id)).ToList() is { Count: > 0 } changed)
        {
            await work.RaiseAsync(new SearchIndexChanged(changed), cancellationToken);
        }
        await work.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// One step of the build from current data (decision 82): the next public
    /// articles and pages after the stored place; false once everything is indexed.
    /// </summary>
    public async Task<bool> BuildStepAsync(CancellationToken cancellationToken)
    {
        (long LastId, bool Done) state;
        await using (var reader = await database.OpenAsync(cancellationToken))
        {
            state = await reader.QuerySingleAsync<(long, bool)>(new CommandDefinition(
                "select last_id, done from search_build where id = 1", cancellationToken: cancellationToken));
        }
        if (state.Done)
        {
            return false;
        }
        var ids = new List<long>();
        foreach (var kind in new[] { "article", "page" })
        {
            await foreach (var location in articles.LocationsAsync(kind, state.LastId, BuildBatch, cancellationToken))
            {
                ids.Add(location.Id);
            }
        }
        ids.Sort();
        var batch = ids.Take(BuildBatch).ToList();
        if (batch.Count > 0)
        {
            await RefreshAsync(batch, cancellationToken);
        }
        using var turn = await database.WaitForWriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "update search_build set last_id = @last, done = @done where id = 1",
            new { last = batch.Count > 0 ? batch[^1] : state.LastId, done = batch.Count == 0 }, cancellationToken: cancellationToken));
        return batch.Count > 0;
    }

    /// <summary>Empties the index and starts the build again (gazette search rebuild, and after a restore).</summary>
    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        using var turn = await database.WaitForWriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await engine.ClearAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("update search_build set last_id = 0, done = @done where id = 1", new { done = false }, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<SearchHits> SearchAsync(SearchQuery query, int offset, int limit, CancellationToken cancellationToken)
    {
        if (query.IsEmpty)
        {
            return new SearchHits([], 0);
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var hits = await engine.SearchAsync(connection, query, offset, limit, cancellationToken);
        return query.CjkTokens.Count == 0 ? hits
            : hits with { Rows = [.. hits.Rows.Select(hit => hit with { SnippetHtml = CjkSnippet.Cut(hit.SnippetHtml, query.CjkTokens) })] };
    }
}
