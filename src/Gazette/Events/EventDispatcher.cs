using System.Collections.Concurrent;

namespace Gazette.Events;

/// <summary>Finds the handlers of an event's type and calls them.</summary>
public sealed class EventDispatcher(IServiceProvider services, ILogger<EventDispatcher> logger)
{
    private static readonly ConcurrentDictionary<Type, Func<IServiceProvider, object, UnitOfWork, CancellationToken, Task>> InTransactionCalls = new();
    private static readonly ConcurrentDictionary<Type, Func<IServiceProvider, object, CancellationToken, Task>> OnNodeCalls = new();

    public Task InTransactionAsync(object change, UnitOfWork work, CancellationToken cancellationToken) =>
        InTransactionCalls.GetOrAdd(change.GetType(), type =>
            (Func<IServiceProvider, object, UnitOfWork, CancellationToken, Task>)Delegate.CreateDelegate(
                typeof(Func<IServiceProvider, object, UnitOfWork, CancellationToken, Task>),
                typeof(EventDispatcher).GetMethod(nameof(CallInTransactionAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.MakeGenericMethod(type)))
        (services, change, work, cancellationToken);

    /// <summary>
    /// Node handlers are consequences, not the change: one that fails is logged
    /// and the others still run (the change has committed; the next delivery
    /// from the log tries again).
    /// </summary>
    public async Task OnNodeAsync(object change, CancellationToken cancellationToken)
    {
        try
        {
            await OnNodeCalls.GetOrAdd(change.GetType(), type =>
                (Func<IServiceProvider, object, CancellationToken, Task>)Delegate.CreateDelegate(
                    typeof(Func<IServiceProvider, object, CancellationToken, Task>),
                    typeof(EventDispatcher).GetMethod(nameof(CallOnNodeAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.MakeGenericMethod(type)))
                (services, change, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "A node handler of {Event} failed", change.GetType().Name);
        }
    }

    private static async Task CallInTransactionAsync<TEvent>(IServiceProvider services, object change, UnitOfWork work, CancellationToken cancellationToken)
        where TEvent : class
    {
        foreach (var handler in services.GetServices<ITransactionSubscriber<TEvent>>())
        {
            await handler.HandleAsync((TEvent)change, work, cancellationToken);
        }
    }

    private static async Task CallOnNodeAsync<TEvent>(IServiceProvider services, object change, CancellationToken cancellationToken)
        where TEvent : class
    {
        foreach (var handler in services.GetServices<INodeSubscriber<TEvent>>())
        {
            await handler.HandleAsync((TEvent)change, cancellationToken);
        }
    }
}
