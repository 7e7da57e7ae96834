namespace GeoCredit.Server.Ingest.Ais;

/// <summary>Settings under <c>GeoCredit:Ais</c>: where AIS sentences come from.</summary>
public sealed class AisOptions
{
    public const string Section = "GeoCredit:Ais";

    /// <summary>A TCP server that receivers and feeds connect to and push sentences (0 picks a free port).</summary>
    public AisEndpointOptions TcpServer { get; set; } = new() { Port = 10110 };

    /// <summary>A UDP port that receivers send datagrams of sentences to.</summary>
    public AisEndpointOptions Udp { get; set; } = new() { Port = 10110 };

    /// <summary>Feeds to connect to as a TCP client (an AIS-catcher or a network receiver's NMEA port).</summary>
    public List<AisFeedOptions> Feeds { get; set; } = [];

    /// <summary>A TCP peer that has sent this many bad sentences is disconnected; others are untouched.</summary>
    public int MaxErrorsPerConnection { get; set; } = 100;

    /// <summary>
    /// The first wait before a lost feed is dialled again; it doubles up to <see cref="MaxReconnectDelay"/>.
    /// </summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromMinutes(1);
}

public sealed class AisEndpointOptions
{
    public bool Enabled { get; set; } = true;

    public string Address { get; set; } = "0.0.0.0";

    public int Port { get; set; }
}

public sealed class AisFeedOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; }
}
