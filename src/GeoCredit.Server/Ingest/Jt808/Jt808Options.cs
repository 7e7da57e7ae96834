namespace GeoCredit.Server.Ingest.Jt808;

/// <summary>Settings under <c>GeoCredit:Jt808</c>.</summary>
public sealed class Jt808Options
{
    public const string Section = "GeoCredit:Jt808";

    public bool Enabled { get; set; } = true;

    /// <summary>The address to listen on; terminals connect from outside, so all interfaces by default.</summary>
    public string Address { get; set; } = "0.0.0.0";

    /// <summary>The TCP port; 0 picks a free one (tests).</summary>
    public int Port { get; set; } = 6808;

    /// <summary>A connection that sends this many bad frames is closed; others are untouched.</summary>
    public int MaxErrorsPerConnection { get; set; } = 20;

    /// <summary>A connection silent this long is closed (terminals send heartbeats far more often).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The most connections at once; further ones are closed at accept.</summary>
    public int MaxConnections { get; set; } = 50_000;

    /// <summary>A CSV file (terminal,object_id,plate,operator_id) of terminals to accept, imported at start.</summary>
    public string? TerminalsFile { get; set; }
}
