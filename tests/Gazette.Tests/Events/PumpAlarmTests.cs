using Gazette.Cluster;
using Gazette.Events;
using Microsoft.Extensions.Time.Testing;

namespace Gazette.Tests.Events;

/// <summary>When the node's pump reads the log: at the poll, at once on an announcement, and soon again while an announced event is not yet readable.</summary>
public sealed class PumpAlarmTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromHours(1);

    private readonly FakeTimeProvider _clock = new();
    private readonly PumpAlarm _alarm = new();

    [Fact]
    public async Task CaughtUpThePumpWaitsForThePoll()
    {
        var waiting = _alarm.WaitAsync(new EventPosition(5, 1), Poll, _clock, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        _clock.Advance(Poll);

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AnAnnouncementWakesThePumpBeforeThePoll()
    {
        var waiting = _alarm.WaitAsync(new EventPosition(5, 1), Poll, _clock, CancellationToken.None);

        _alarm.Ring(new EventPosition(6, 2));

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AnAnnouncementBetweenTwoWaitsIsNotLost()
    {
        _alarm.Ring();

        await _alarm.WaitAsync(new EventPosition(5, 1), Poll, _clock, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>The announced event's transaction is below no horizon yet: the pump must try again without another ring.</summary>
    [Fact]
    public async Task BehindAnAnnouncedPositionThePumpReadsAgainSoonUntilItPassesIt()
    {
        _alarm.Ring(new EventPosition(6, 2));
        await _alarm.WaitAsync(new EventPosition(5, 1), Poll, _clock, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        await _alarm.WaitAsync(new EventPosition(5, 1), Poll, _clock, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await _alarm.WaitAsync(new EventPosition(6, 1), Poll, _clock, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        var caughtUp = _alarm.WaitAsync(new EventPosition(6, 2), Poll, _clock, CancellationToken.None);
        Assert.False(caughtUp.IsCompleted);
        _clock.Advance(Poll);
        await caughtUp.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void AnAnnouncementCarriesThePositionAndNothingElse()
    {
        var position = new EventPosition(74_211, 3_905);

        Assert.Equal("74211:3905", LogAnnouncements.Format(position));
        Assert.Equal(position, LogAnnouncements.Parse("74211:3905"));
        Assert.Null(LogAnnouncements.Parse("hello"));
        Assert.Null(LogAnnouncements.Parse("1:-2"));
        Assert.Null(LogAnnouncements.Parse(null));
    }
}
