namespace Gazette.Events;

/// <summary>
/// Wakes this node's pump before its next poll: when another node announces
/// events, or when the announcements resume after an outage. An announced
/// event may not be readable yet (on PostgreSQL a reader waits for every older
/// transaction to finish), so until the pump has read past the latest
/// announcement it reads again soon, sooner at first, never less often than
/// it polls.
/// </summary>
public sealed class PumpAlarm
{
    /// <summary>
    /// The least time between two reads a ring can cause: a node committing a
    /// thousand times a second would otherwise have every node read the log as often.
    /// </summary>
    public static readonly TimeSpan MinimumGap = TimeSpan.FromMilliseconds(10);

    private readonly Lock _gate = new();
    private TaskCompletionSource _rung = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private EventPosition? _announced;
    private TimeSpan _retry;

    /// <summary>Events up to <paramref name="announced"/> were committed elsewhere.</summary>
    public void Ring(EventPosition announced)
    {
        lock (_gate)
        {
            if (_announced is not { } known || known.IsBefore(announced))
            {
                _announced = announced;
            }
            _rung.TrySetResult();
        }
    }

    /// <summary>Something may have been missed (announcements were down): read now.</summary>
    public void Ring()
    {
        lock (_gate)
        {
            _rung.TrySetResult();
        }
    }

    /// <summary>
    /// Waits until the pump, having read up to <paramref name="reached"/>, should
    /// read again. The short waits are the machine's time, not the site's clock
    /// (which a test may hold still): they spare the database, they say nothing of the site.
    /// </summary>
    public async Task WaitAsync(EventPosition reached, TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        Task rung;
        TimeSpan retry;
        lock (_gate)
        {
            var behind = _announced is { } announced && reached.IsBefore(announced);
            _retry = !behind ? TimeSpan.Zero
                : _retry == TimeSpan.Zero ? MinimumGap
                : TimeSpan.FromTicks(Math.Min(_retry.Ticks * 2, interval.Ticks));
            retry = _retry;
            rung = _rung.Task;
            if (rung.IsCompleted)
            {
                _rung = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
        if (retry > TimeSpan.Zero)
        {
            await Task.Delay(retry, cancellationToken);
            return;
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var polled = Task.Delay(interval, time, stop.Token);
        if (await Task.WhenAny(rung, polled) == rung)
        {
            await stop.CancelAsync();
            await Task.Delay(MinimumGap, cancellationToken);
            return;
        }
        await polled;
    }
}
