using System.Text.Json;

namespace Gazette.Events;

/// <summary>
/// The events the modules declared, by their stored names. An event is a
/// record of ids and plain values, never personal data (no email, no address,
/// no text a reader wrote), so erasing a person never has to rewrite the log.
/// </summary>
public sealed class EventTypes
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, Type> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _byType = [];

    public EventTypes(IEnumerable<EventType> declared)
    {
        foreach (var type in declared)
        {
            if (!_byName.TryAdd(type.Name, type.Type) || !_byType.TryAdd(type.Type, type.Name))
            {
                throw new InvalidOperationException($"Event {type.Name} ({type.Type}) is declared twice.");
            }
        }
    }

    public IEnumerable<EventType> All => _byName.Select(pair => new EventType(pair.Key, pair.Value));

    public string NameOf(Type type) =>
        _byType.TryGetValue(type, out var name) ? name : throw new InvalidOperationException($"{type} is not a declared event (services.AddEvent).");

    /// <summary>The event, or null for a name this build does not know (written by a newer node, say).</summary>
    public object? Read(string name, string payload) =>
        _byName.TryGetValue(name, out var type) ? JsonSerializer.Deserialize(payload, type, Json) : null;
}

/// <summary>A declared event: its stored name and its record type.</summary>
public sealed record EventType(string Name, Type Type);

/// <summary>An event as read back from the log, with its place in it.</summary>
public sealed record EventEnvelope(long Id, EventPosition Position, string Type, object Event, DateTimeOffset CreatedAt);

/// <summary>A place in the log: the writing transaction (0 on SQLite), then the event id.</summary>
public readonly record struct EventPosition(long Tx, long Id)
{
    public bool IsBefore(EventPosition other) => Tx < other.Tx || (Tx == other.Tx && Id < other.Id);
}

public static class EventServiceCollectionExtensions
{
    /// <summary>Declares an event under the name it is stored as; the name never changes once released.</summary>
    public static IServiceCollection AddEvent<TEvent>(this IServiceCollection services, string name)
        where TEvent : class =>
        services.AddSingleton(new EventType(name, typeof(TEvent)));

    public static IServiceCollection AddTransactionSubscriber<TEvent, THandler>(this IServiceCollection services)
        where TEvent : class
        where THandler : class, ITransactionSubscriber<TEvent> =>
        services.AddSingleton<ITransactionSubscriber<TEvent>, THandler>();

    public static IServiceCollection AddNodeSubscriber<TEvent, THandler>(this IServiceCollection services)
        where TEvent : class
        where THandler : class, INodeSubscriber<TEvent> =>
        services.AddSingleton<INodeSubscriber<TEvent>, THandler>();

    public static IServiceCollection AddClusterSubscriber<TSubscriber>(this IServiceCollection services)
        where TSubscriber : class, IClusterEventSubscriber =>
        services.AddSingleton<IClusterEventSubscriber, TSubscriber>();
}
