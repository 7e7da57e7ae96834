using GeoCredit.Storage;
using GeoCredit.Storage.Accounts;
using GeoCredit.Storage.Health;
using GeoCredit.Storage.Migrations;
using GeoCredit.Storage.Positions;
using Npgsql;

namespace GeoCredit.Server.Hosting;

/// <summary>Whether the schema has been brought up to date since the server started.</summary>
public sealed class SchemaState
{
    private volatile bool _ready;

    public bool Ready => _ready;

    internal void MarkReady() => _ready = true;
}

/// <summary>A step that runs once the schema is current, such as seeding the demo users.</summary>
public interface IDatabaseSeed
{
    Task SeedAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Migrates the database when the server starts, and keeps retrying while the database is unreachable, so
/// that the server comes up (and says so on <c>/healthz</c>) instead of failing when the database is late.
/// </summary>
internal sealed partial class DatabaseStartup(
    MigrationRunner migrations,
    IEnumerable<IDatabaseSeed> seeds,
    SchemaState state,
    TimeProvider clock,
    ILogger<DatabaseStartup> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var applied = await migrations.MigrateAsync(stoppingToken);
                foreach (var seed in seeds)
                {
                    await seed.SeedAsync(stoppingToken);
                }

                state.MarkReady();
                LogReady(logger, applied.Count);
                return;
            }
            catch (Exception e)
                when (e is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                LogRetry(logger, RetryDelay.TotalSeconds, e.Message);
                await Task.Delay(RetryDelay, clock, stoppingToken);
            }
        }
    }

    [LoggerMessage(
        EventId = 100, Level = LogLevel.Information, Message = "Database ready ({Applied} migrations applied)")]
    private static partial void LogReady(ILogger logger, int applied);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning,
        Message = "Database not reachable, retrying in {Seconds} s: {Reason}")]
    private static partial void LogRetry(ILogger logger, double seconds, string reason);
}

/// <summary>Runs the position writer for the server's lifetime: it starts at once (the spool takes positions even
/// before the database answers) and, at a clean shutdown, writes what is queued before the server exits.</summary>
internal sealed class PositionWriterService(PositionWriter writer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        writer.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => writer.StopAsync().WaitAsync(cancellationToken);
}

/// <summary>Settings under <c>GeoCredit:Storage</c>.</summary>
public sealed class CheckpointOptions
{
    public const string Section = "GeoCredit:Storage";

    /// <summary>How often the objects that moved are written to the tracked objects table.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// Writes the last known fix of every object that moved to the tracked objects table, every few seconds and
/// once more at shutdown; while the database is away the objects stay marked and go with a later checkpoint.
/// </summary>
internal sealed partial class LiveStateCheckpoint(
    GeoCredit.Core.Tracking.LiveState liveState,
    TrackedObjectStore store,
    SchemaState schema,
    CheckpointOptions options,
    TimeProvider clock,
    ILogger<LiveStateCheckpoint> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CheckpointInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await CheckpointAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await CheckpointAsync(CancellationToken.None);
    }

    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        if (!schema.Ready)
        {
            return;
        }

        var changed = liveState.TakeChanged();
        try
        {
            await store.UpsertLatestAsync(changed, cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            liveState.MarkChanged(changed);
            LogPostponed(logger, changed.Count, e.Message);
        }
    }

    [LoggerMessage(
        EventId = 102, Level = LogLevel.Debug, Message = "Checkpoint of {Count} objects postponed: {Reason}")]
    private static partial void LogPostponed(ILogger logger, int count, string reason);
}

/// <summary>Loads every object's last known fix into the live state, so that a fix older than what was stored
/// before a restart is recognised as late.</summary>
internal sealed class LiveStateSeed(PositionQueries queries, GeoCredit.Core.Tracking.LiveState liveState)
    : IDatabaseSeed
{
    public async Task SeedAsync(CancellationToken cancellationToken) =>
        liveState.Seed(await queries.LastPositionsAsync(cancellationToken));
}

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// The configuration key of the connection string (environment: <c>ConnectionStrings__GeoCredit</c>).
    /// </summary>
    public const string ConnectionStringName = "GeoCredit";

    public static IServiceCollection AddGeoCreditDatabase(
        this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"No database configured: set ConnectionStrings:{ConnectionStringName} (environment variable " +
                $"ConnectionStrings__{ConnectionStringName}), or start the local one with scripts/db.sh.");
        }

        services.AddSingleton(_ => GeoCreditDataSource.Create(connectionString));
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<DatabaseHealth>();
        services.AddSingleton<PositionStore>();
        services.AddSingleton<TrackedObjectStore>();
        services.AddSingleton(configuration.GetSection(CheckpointOptions.Section).Get<CheckpointOptions>()
            ?? new CheckpointOptions());
        services.AddHostedService<LiveStateCheckpoint>();
        services.AddSingleton(configuration.GetSection(PositionWriterOptions.Section).Get<PositionWriterOptions>()
            ?? new PositionWriterOptions());
        services.AddSingleton<PositionWriter>();
        services.AddHostedService<PositionWriterService>();
        services.AddSingleton<IDatabaseSeed, LiveStateSeed>();
        services.AddSingleton<PositionQueries>();
        services.AddSingleton<UserAccounts>();
        services.AddSingleton<SchemaState>();
        services.AddHostedService<DatabaseStartup>();
        return services;
    }
}
