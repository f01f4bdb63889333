using System.Runtime.CompilerServices;
using System.Text;
using Gazette.Articles;
using Gazette.Articles.Contracts;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gazette.Tests.Sitemaps;

/// <summary>
/// A sitemap file is written as its rows are read: the reader holds the first
/// URLs while the server has read only part of the rows, so memory does not
/// grow with the file. No timing is measured: the rows stop at a gate that opens
/// only once the reader has received a URL, which a buffered answer never sends.
/// </summary>
public sealed class SitemapStreamingTests(SqliteProvider provider) : SiteTestBase<SqliteProvider>(provider)
{
    private const int Rows = 1_000;
    private const int GateAfter = 300;

    private readonly GatedPlaces _places = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<IPublicArticles>(sp => _places.Around(ActivatorUtilities.CreateInstance<PublicArticleCatalog>(sp))));

    [Fact]
    public async Task TheReaderReceivesUrlsBeforeTheServerHasReadTheLastRow()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await Client.GetAsync(new Uri("/sitemap-articles-1.xml", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (!received.ToString().Contains("</url>", StringComparison.Ordinal))
        {
            var read = await body.ReadAsync(buffer, timeout.Token);
            Assert.NotEqual(0, read);
            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        Assert.InRange(_places.Read, 1, GateAfter);
        _places.Open();
        using var reader = new StreamReader(body);
        received.Append(await reader.ReadToEndAsync(timeout.Token));
        Assert.Equal(Rows, SitemapXml.Valid(received.ToString()).Root!.Elements().Count());
        Assert.Equal(Rows, _places.Read);
    }

    /// <summary>The real catalog, but block 1 of articles is a thousand made-up rows that pause after <see cref="GateAfter"/>.</summary>
    private sealed class GatedPlaces
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _read;

        public int Read => Volatile.Read(ref _read);

        public void Open() => _gate.SetResult();

        public IPublicArticles Around(IPublicArticles inner) => new Catalog(inner, this);

        private async IAsyncEnumerable<PublicPlace> RowsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var at = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
            for (var id = 1; id <= Rows; id++)
            {
                if (id == GateAfter + 1)
                {
                    await _gate.Task.WaitAsync(cancellationToken);
                }
                Interlocked.Increment(ref _read);
                yield return new PublicPlace(id, $"/2026/11/story-{id}/", at);
            }
        }

        private sealed class Catalog(IPublicArticles inner, GatedPlaces places) : IPublicArticles
        {
            public Task<IReadOnlyList<PublicBlock>> BlocksAsync(PublicPlaceKind kind, int width, CancellationToken cancellationToken) =>
                kind == PublicPlaceKind.Article
                    ? Task.FromResult<IReadOnlyList<PublicBlock>>([new PublicBlock(1, Rows, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero))])
                    : inner.BlocksAsync(kind, width, cancellationToken);

            public IAsyncEnumerable<PublicPlace> PlacesAsync(PublicPlaceKind kind, PublicBlockRange block, CancellationToken cancellationToken) =>
                kind == PublicPlaceKind.Article ? places.RowsAsync(cancellationToken) : inner.PlacesAsync(kind, block, cancellationToken);

            public Task<PublicArticle?> FindAsync(long id, CancellationToken cancellationToken) => inner.FindAsync(id, cancellationToken);

            public Task<IReadOnlyList<PublicArticle>> FindManyAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) => inner.FindManyAsync(ids, cancellationToken);

            public Task<IReadOnlyList<PublicArticle>> LatestAsync(PublicArticleFilter filter, CancellationToken cancellationToken) => inner.LatestAsync(filter, cancellationToken);

            public IAsyncEnumerable<PublicLocation> LocationsAsync(string kind, long afterId, int limit, CancellationToken cancellationToken) =>
                inner.LocationsAsync(kind, afterId, limit, cancellationToken);

            public Task<PublicTerm?> FindSectionAsync(string slug, CancellationToken cancellationToken) => inner.FindSectionAsync(slug, cancellationToken);

            public Task<IReadOnlyList<long>> SectionBranchAsync(long sectionId, CancellationToken cancellationToken) => inner.SectionBranchAsync(sectionId, cancellationToken);

            public Task<PublicTerm?> FindTagAsync(string slug, CancellationToken cancellationToken) => inner.FindTagAsync(slug, cancellationToken);

            public IAsyncEnumerable<PublicLocation> PublishedSinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken) =>
                inner.PublishedSinceAsync(since, limit, cancellationToken);
        }
    }
}
