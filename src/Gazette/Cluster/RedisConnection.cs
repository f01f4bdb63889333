using Gazette.Security;
using StackExchange.Redis;

namespace Gazette.Cluster;

/// <summary>
/// This node's one connection to the cluster's Redis (<c>Gazette:Redis</c>,
/// host:port), made in the background: a node starts and serves whether Redis
/// answers or not, and the client reconnects by itself when Redis returns.
/// Commands fail at once while it is down rather than queue, so nothing waits on it.
/// </summary>
public sealed class RedisConnection(IConfiguration configuration, Func<InstallSecret> secret, ILogger<RedisConnection> logger) : IAsyncDisposable
{
    public const string Key = "Gazette:Redis";

    private readonly string? _address = string.IsNullOrWhiteSpace(configuration[Key]) ? null : configuration[Key]!.Trim();
    private readonly Lock _gate = new();
    private Task<ConnectionMultiplexer>? _connecting;
    private string? _prefix;

    public bool IsConfigured => _address is not null;

    /// <summary>Where Redis is, for messages: the setting up to its first option (a password is an option).</summary>
    public string Address => _address?.Split(',')[0] ?? "";

    /// <summary>
    /// Begins every key and channel of this site: made from the install secret
    /// (the same on every node of the site, different for every other site), so
    /// sites sharing one Redis never hear or count each other.
    /// </summary>
    public string Prefix => _prefix ??= "gazette:" + Convert.ToHexStringLower(secret().DeriveKey("cluster:redis-names"))[..16] + ":";

    /// <summary>The connection once it has been made, connected or not at this moment; null before.</summary>
    public IConnectionMultiplexer? Current => _connecting is { IsCompletedSuccessfully: true } made ? made.Result : null;

    /// <summary>The connection, made on first call; finishes after the first attempt whether or not Redis answered.</summary>
    public Task<ConnectionMultiplexer> ConnectAsync()
    {
        if (_address is null)
        {
            throw new InvalidOperationException($"{Key} is not set.");
        }
        lock (_gate)
        {
            if (_connecting is null)
            {
                logger.LogInformation("Connecting to Redis at {Address} for announcements and shared rate limits", Address);
                _connecting = ConnectionMultiplexer.ConnectAsync(Options(_address));
            }
            return _connecting;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Current is { } connection)
        {
            await connection.CloseAsync(allowCommandsToComplete: false);
            await connection.DisposeAsync();
        }
    }

    private static ConfigurationOptions Options(string address)
    {
        var options = ConfigurationOptions.Parse(address);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = 2000;
        options.ConnectRetry = 1;
        options.ReconnectRetryPolicy = new LinearRetry(500);
        options.ClientName = "gazette";
        return options;
    }
}
