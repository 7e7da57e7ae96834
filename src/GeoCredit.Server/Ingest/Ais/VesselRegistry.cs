using System.Collections.Concurrent;
using System.Threading.Channels;
using GeoCredit.Core.Tracking;
using GeoCredit.Protocols.Ais;
using GeoCredit.Server.Hosting;
using GeoCredit.Storage.Vessels;

namespace GeoCredit.Server.Ingest.Ais;

/// <summary>
/// Every vessel's identity and dimensions from its AIS static messages, in memory for the listeners and the
/// console, and written to the database behind them (a slow database never holds up a listener).
/// Thread-safe.
/// </summary>
public sealed partial class VesselRegistry(VesselStaticStore store, ILogger<VesselRegistry> logger)
    : BackgroundService, IDatabaseSeed
{
    // AIS ship type 36 is a sailing vessel, 37 a pleasure craft (ITU-R M.1371-5, Annex 8, table of ship types).
    private const int SailingShipType = 36;
    private const int PleasureCraftShipType = 37;

    private readonly ConcurrentDictionary<string, VesselStatic> _vessels = new(StringComparer.Ordinal);
    private readonly Channel<VesselStatic> _changes = Channel.CreateBounded<VesselStatic>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public int Count => _vessels.Count;

    public bool TryGet(string mmsi, out VesselStatic vessel) => _vessels.TryGetValue(mmsi, out vessel!);

    /// <summary>Yachts report as pleasure or sailing craft; every other ship is a vessel.</summary>
    public ObjectKind KindOf(string mmsi) =>
        _vessels.TryGetValue(mmsi, out var vessel) && vessel.ShipType is SailingShipType or PleasureCraftShipType
            ? ObjectKind.Yacht
            : ObjectKind.Vessel;

    public void Update(string mmsi, AisStaticData data, DateTimeOffset at)
    {
        var update = new VesselStatic(mmsi, data.Name, data.CallSign, data.ImoNumber, data.ShipType,
            data.Dimensions?.ToBow, data.Dimensions?.ToStern, data.Dimensions?.ToPort, data.Dimensions?.ToStarboard,
            data.Draught, data.Destination, at);
        var merged = _vessels.AddOrUpdate(mmsi, update, (_, current) => current.Merge(update));
        _changes.Writer.TryWrite(merged);
    }

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var vessel in await store.AllAsync(cancellationToken))
        {
            _vessels.AddOrUpdate(vessel.Mmsi, vessel, (_, current) => vessel.Merge(current));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var vessel in _changes.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await store.UpsertAsync(vessel, stoppingToken);
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
            {
                // Static data is repeated every few minutes by every ship: the next report brings it again.
                LogNotStored(logger, vessel.Mmsi, e.Message);
            }
        }
    }

    [LoggerMessage(EventId = 700, Level = LogLevel.Debug, Message = "Static data of {Mmsi} not stored: {Reason}")]
    private static partial void LogNotStored(ILogger logger, string mmsi, string reason);
}
