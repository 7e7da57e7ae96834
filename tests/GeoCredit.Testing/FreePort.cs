using System.Net;
using System.Net.Sockets;

namespace GeoCredit.Testing;

/// <summary>Loopback ports for tests that need one before the listener exists.</summary>
public static class FreePort
{
    /// <summary>A port nothing listens on now: free to bind, and closed to anyone who connects.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
