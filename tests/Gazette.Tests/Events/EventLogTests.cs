using System.Collections.Concurrent;
using Dapper;
using Gazette.Articles;
using Gazette.Articles.Contracts;
using Gazette.Events;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gazette.Tests.Events;

/// <summary>
/// Units of work, the event log and its subscribers, on both databases. On
/// PostgreSQL an event shows once every older transaction on the server has
/// finished, other tests' included, so tests wait for what they expect to read.
/// </summary>
public abstract class EventLogTests<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private readonly RecordingSubscriber _subscriber = new();

    protected UnitsOfWork Units => Factory.Services.GetRequiredService<UnitsOfWork>();

    protected EventLog Log => Factory.Services.GetRequiredService<EventLog>();

    /// <summary>The recorder alone: the site's own subscribers raise events of their own (related coverage does), which the counts here would see.</summary>
    protected override void ConfigureServices(IServiceCollection services)
    {
        services.RemoveAll<IClusterEventSubscriber>();
        services.AddSingleton<IClusterEventSubscriber>(_subscriber);
    }

    [Fact]
    public async Task AChangeAndItsEventsCommitTogetherOrNotAtAll()
    {
        var start = await Log.EndAsync();
        await using (var work = await Units.BeginAsync())
        {
            await Publisher.CreateAsync(work, Story("Never committed"));
        }

        Assert.Empty(await Log.ReadAsync(start, 100));
        await using var connection = await Provider.Database.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from articles where title = 'Never committed'"));
    }

    [Fact]
    public async Task AFailedStepOfABatchIsUndoneAloneAndTheRestCommits()
    {
        var start = await Log.EndAsync();
        await using (var batch = await Units.BeginAsync())
        {
            await batch.StepAsync(() => Publisher.CreateAsync(batch, Story("Batch one")));
            await Assert.ThrowsAsync<InvalidOperationException>(() => batch.StepAsync(async () =>
            {
                await Publisher.CreateAsync(batch, Story("Batch two, undone"));
                throw new InvalidOperationException("the importer choked on this item");
            }));
            await batch.StepAsync(() => Publisher.CreateAsync(batch, Story("Batch three")));
            await batch.CommitAsync();
        }

        var events = await Log.ReadAsync(start, 100);
        await Wait.UntilAsync(async () => (events = await Log.ReadAsync(start, 100)).Count >= 2);
        Assert.Equal(2, events.Count);
        Assert.All(events, envelope => Assert.IsType<ArticlePublished>(envelope.Event));
        await using var connection = await Provider.Database.OpenAsync();
        var titles = (await connection.QueryAsync<string>("select title from articles where title like 'Batch%' order by title")).ToList();
        Assert.Equal(["Batch one", "Batch three"], titles);
    }

    [Fact]
    public async Task AClusterSubscriberGetsEveryEventOnceFromItsStoredCursor()
    {
        var pump = Factory.Services.GetRequiredService<ClusterEventPump>();
        var first = await PublishAsync(Story("For the cluster, first"));
        var second = await PublishAsync(Story("For the cluster, second"));
        await Wait.UntilAsync(async () =>
        {
            await pump.RunAsync(CancellationToken.None);
            return _subscriber.Received.Any(envelope => envelope.Event is ArticlePublished published && published.ArticleId == second.Id);
        });
        await pump.RunAsync(CancellationToken.None);

        var ids = _subscriber.Received.Select(envelope => envelope.Event).OfType<ArticlePublished>()
            .Select(published => published.ArticleId).Where(id => id == first.Id || id == second.Id).ToList();
        Assert.Equal([first.Id, second.Id], ids);
        await using var connection = await Provider.Database.OpenAsync();
        Assert.Equal(_subscriber.Received[^1].Id, await connection.ExecuteScalarAsync<long>(
            "select event_id from event_cursors where name = @Name", new { _subscriber.Name }));
    }

    [Fact]
    public async Task RetentionKeepsWhatASubscriberHasNotReadAndRecentEvents()
    {
        var pump = Factory.Services.GetRequiredService<ClusterEventPump>();
        await pump.RunAsync(CancellationToken.None);
        var read = await PublishAsync(Story("Read by everyone"));
        await Wait.UntilAsync(async () =>
        {
            await pump.RunAsync(CancellationToken.None);
            return _subscriber.Received.Any(envelope => envelope.Event is ArticlePublished published && published.ArticleId == read.Id);
        });
        await PublishAsync(Story("Not read yet"));

        // Keeping "minus a day" makes every event old enough; only the cursor holds one back.
        await Log.PruneAsync(TimeSpan.FromDays(-1), [_subscriber.Name]);

        await using var connection = await Provider.Database.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("select count(*) from events"));
        var kept = await connection.ExecuteScalarAsync<long>("select max(id) from events");
        await Wait.UntilAsync(async () =>
        {
            await pump.RunAsync(CancellationToken.None);
            return _subscriber.Received.Any(envelope => envelope.Id == kept);
        });
    }

    [Fact]
    public void EventsCarryIdsAndPlainValuesNeverPersonalData()
    {
        // Times are an article's public facts (when it was published: the date archives that list it), never a person's.
        var allowed = new[] { typeof(long), typeof(long?), typeof(int), typeof(bool), typeof(string), typeof(IReadOnlyList<long>), typeof(IReadOnlyList<DateTimeOffset>) };
        var personal = new[] { "email", "ip", "address", "name", "text", "body", "agent", "url" };
        var types = Factory.Services.GetRequiredService<EventTypes>().All.ToList();

        Assert.NotEmpty(types);
        foreach (var property in types.SelectMany(type => type.Type.GetProperties()))
        {
            Assert.Contains(property.PropertyType, allowed);
            Assert.DoesNotContain(personal, word => property.Name.Contains(word, StringComparison.OrdinalIgnoreCase));
        }
    }

    private ArticlePublisher Publisher => Factory.Services.GetRequiredService<ArticlePublisher>();

    private sealed class RecordingSubscriber : IClusterEventSubscriber
    {
        private readonly ConcurrentQueue<EventEnvelope> _received = new();

        public string Name => "test:recorder";

        public IReadOnlyList<EventEnvelope> Received => [.. _received];

        public Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken)
        {
            _received.Enqueue(envelope);
            return Task.CompletedTask;
        }
    }
}

public sealed class EventLogTestsOnSqlite(SqliteProvider provider) : EventLogTests<SqliteProvider>(provider);

public sealed class EventLogTestsOnPostgres(PostgresProvider provider) : EventLogTests<PostgresProvider>(provider)
{
    /// <summary>
    /// PostgreSQL hands out ids before commit, so a long transaction's event has a
    /// lower id than a thousand that committed after it started. A reader that
    /// trusted "the highest id so far" would pass it by for good.
    /// </summary>
    [Fact]
    public async Task AnEventOfALongTransactionIsReadAfterAThousandLaterOnesCommitted()
    {
        var position = await Log.EndAsync();
        await using var held = await Units.BeginAsync();
        await held.RaiseAsync(new ArticleChanged(424242, "draft", [], [], false));
        for (var i = 0; i < 1000; i++)
        {
            await using var work = await Units.BeginAsync();
            await work.RaiseAsync(new ArticleChanged(i, "draft", [], [], false));
            await work.CommitAsync();
        }

        var whileHeld = await Log.ReadAsync(position, 5000);
        await held.CommitAsync();
        IReadOnlyList<EventEnvelope> afterwards = [];
        await Wait.UntilAsync(async () => (afterwards = await Log.ReadAsync(position, 5000)).Count >= 1001);

        Assert.Empty(whileHeld);
        Assert.Equal(1001, afterwards.Count);
        Assert.Contains(afterwards, envelope => envelope.Event is ArticleChanged { ArticleId: 424242 });
    }
}
