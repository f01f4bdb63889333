using Microsoft.Extensions.Options;

namespace Gazette.Tests.Infrastructure;

/// <summary>Options that never change, for a service built by hand in a unit test.</summary>
public sealed class FixedOptions<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
