namespace GeoCredit.Storage.Positions;

/// <summary>Settings under <c>GeoCredit:Storage:Writer</c>.</summary>
public sealed class PositionWriterOptions
{
    public const string Section = "GeoCredit:Storage:Writer";

    /// <summary>A batch is written once it holds this many positions...</summary>
    public int MaxBatchSize { get; set; } = 5_000;

    /// <summary>...or once its first position has waited this long, whichever comes first.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How many positions may wait in memory before producers are slowed.</summary>
    public int MaxQueuedPositions { get; set; } = 200_000;

    /// <summary>How often, while the database is away, the writer tries it again.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Where positions wait on disk while the database cannot take them.</summary>
    public string SpoolDirectory { get; set; } = Path.Combine(".local", "spool");
}
