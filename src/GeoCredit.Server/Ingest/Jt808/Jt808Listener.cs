using System.Net;
using System.Net.Sockets;
using GeoCredit.Core.Ingest;

namespace GeoCredit.Server.Ingest.Jt808;

/// <summary>
/// The JT/T 808 TCP server: accepts terminal connections and runs each on its own read loop. A connection's
/// failure never reaches the listener or another connection.
/// </summary>
public sealed partial class Jt808Listener(
    Jt808Options options,
    Jt808TerminalDirectory directory,
    PositionValidator validator,
    PositionPipeline pipeline,
    IngestStatistics statistics,
    TimeProvider clock,
    ILogger<Jt808Listener> logger) : BackgroundService
{
    private readonly TaskCompletionSource<IPEndPoint> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _connections;

    /// <summary>Where the listener is bound, once it is.</summary>
    public Task<IPEndPoint> LocalEndPoint => _bound.Task;

    public int Connections => Volatile.Read(ref _connections);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            _bound.TrySetCanceled(cancellationToken);
            return Task.CompletedTask;
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Parse(options.Address), options.Port));
        listener.Listen(1024);
        var endPoint = (IPEndPoint)listener.LocalEndPoint!;
        _bound.TrySetResult(endPoint);
        LogListening(logger, endPoint);

        while (!stoppingToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (SocketException e)
            {
                // A connection that fails while being accepted is that peer's problem, not the listener's.
                LogAcceptFailed(logger, e.Message);
                continue;
            }

            if (Interlocked.Increment(ref _connections) > options.MaxConnections)
            {
                Interlocked.Decrement(ref _connections);
                socket.Dispose();
                continue;
            }

            _ = RunConnectionAsync(socket, stoppingToken);
        }
    }

    private async Task RunConnectionAsync(Socket socket, CancellationToken stoppingToken)
    {
        try
        {
            socket.NoDelay = true;
            var connection = new Jt808Connection(
                socket, directory, validator, pipeline, statistics, options, clock, logger);
            await connection.RunAsync(stoppingToken);
        }
        catch (Exception e)
        {
            LogConnectionFailed(logger, e);
        }
        finally
        {
            Interlocked.Decrement(ref _connections);
        }
    }

    [LoggerMessage(EventId = 610, Level = LogLevel.Information, Message = "JT/T 808 listening on {EndPoint}")]
    private static partial void LogListening(ILogger logger, IPEndPoint endPoint);

    [LoggerMessage(EventId = 611, Level = LogLevel.Debug, Message = "JT/T 808 accept failed: {Reason}")]
    private static partial void LogAcceptFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 612, Level = LogLevel.Error, Message = "A JT/T 808 connection failed")]
    private static partial void LogConnectionFailed(ILogger logger, Exception exception);
}

public static class Jt808ServiceCollectionExtensions
{
    public static IServiceCollection AddGeoCreditJt808(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(Jt808Options.Section).Get<Jt808Options>() ?? new Jt808Options();
        services.AddSingleton(options);
        services.AddSingleton<GeoCredit.Storage.Terminals.TerminalStore>();
        services.AddSingleton<Jt808TerminalDirectory>();
        services.AddSingleton<GeoCredit.Server.Hosting.IDatabaseSeed>(
            sp => sp.GetRequiredService<Jt808TerminalDirectory>());
        services.AddSingleton<Jt808Listener>();
        services.AddHostedService(sp => sp.GetRequiredService<Jt808Listener>());
        return services;
    }
}
