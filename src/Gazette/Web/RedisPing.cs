using System.Net.Sockets;
using System.Text;

namespace Gazette.Web;

/// <summary>
/// Whether the Redis a cluster is configured with (<c>Gazette:Redis</c>,
/// host:port) answers PING, spoken in Redis's own protocol so no client library
/// is needed to ask.
/// </summary>
public static class RedisPing
{
    public const string Key = Cluster.RedisConnection.Key;
    private const string Name = "redis";

    public static async Task<DoctorLine> CheckAsync(string? address, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return DoctorLine.Ok(Name, $"not configured ({Key}): nodes share only the database.");
        }
        var (host, port) = Split(address.Trim());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[256];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            var answer = Encoding.ASCII.GetString(buffer, 0, read).TrimEnd();
            return answer == "+PONG"
                ? DoctorLine.Ok(Name, $"{host}:{port} answers PING.")
                : DoctorLine.Fail(Name, $"{host}:{port} answered PING with '{answer}', not +PONG: is it Redis, and does it want a password?");
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var reason = ex is OperationCanceledException ? "no answer within 5 s" : ex.Message;
            return DoctorLine.Fail(Name, $"cannot reach {host}:{port} ({reason}).");
        }
    }

    private static (string Host, int Port) Split(string address)
    {
        var colon = address.LastIndexOf(':');
        return colon > 0 && int.TryParse(address[(colon + 1)..], out var port)
            ? (address[..colon], port)
            : (address, 6379);
    }
}
