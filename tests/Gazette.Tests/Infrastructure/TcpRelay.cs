using System.Net;
using System.Net.Sockets;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// A loopback relay in front of a server (PostgreSQL), which a test can stop and
/// start: stopped, it cuts every relayed connection and refuses new ones, which
/// is what Gazette sees of a database server that went down.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _open = [];
    private readonly Lock _gate = new();
    private TcpListener? _listener;
    private CancellationTokenSource _stopping = new();

    public TcpRelay(IPEndPoint target)
    {
        _target = target;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Start();
    }

    public int Port { get; }

    public void Start()
    {
        _stopping = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptAsync(_listener, _stopping.Token);
    }

    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        _listener?.Stop();
        lock (_gate)
        {
            _open.ForEach(client => client.Dispose());
            _open.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = RelayAsync(client, stopping);
        }
    }

    private async Task RelayAsync(TcpClient client, CancellationToken stopping)
    {
        var server = new TcpClient();
        lock (_gate)
        {
            _open.Add(client);
            _open.Add(server);
        }
        try
        {
            await server.ConnectAsync(_target, stopping);
            var up = client.GetStream().CopyToAsync(server.GetStream(), stopping);
            var down = server.GetStream().CopyToAsync(client.GetStream(), stopping);
            await Task.WhenAny(up, down);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Either side went away, or the relay was stopped: both connections close below.
        }
        finally
        {
            client.Dispose();
            server.Dispose();
        }
    }
}
