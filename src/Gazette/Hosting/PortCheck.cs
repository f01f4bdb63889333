using System.Net;
using System.Net.Sockets;
using Gazette.Kernel;

namespace Gazette.Hosting;

/// <summary>
/// Tries each address before Kestrel does, so a taken port is reported in one
/// line rather than through Kestrel's logged stack trace.
/// </summary>
public static class PortCheck
{
    public static void EnsureFree(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException ex)
        {
            throw new StartupException($"'{url}' is not an address to listen on: write e.g. http://127.0.0.1:8080.", ex);
        }
        if (address.IsUnixPipe || address.Port == 0)
        {
            return;
        }
        var ip = address.Host switch
        {
            "localhost" => IPAddress.Loopback,
            "*" or "+" or "" => IPAddress.Any,
            var host when IPAddress.TryParse(host.Trim('[', ']'), out var parsed) => parsed,
            _ => IPAddress.Any,
        };
        try
        {
            using var listener = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(ip, address.Port));
            listener.Listen();
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new StartupException($"Port {address.Port} is already in use ({url}). Stop the other server or choose another address with --urls.", ex);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AccessDenied or SocketError.AddressNotAvailable)
        {
            throw new StartupException($"Cannot listen on {url}: {ex.Message}.", ex);
        }
    }
}
