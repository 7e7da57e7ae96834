using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using GeoCredit.Core.Ingest;
using GeoCredit.Protocols.Ais;

namespace GeoCredit.Server.Ingest.Ais;

/// <summary>Makes a line handler per source; shared by the AIS listeners.</summary>
public sealed class AisSources(
    PositionValidator validator,
    VesselRegistry vessels,
    IngestStatistics statistics,
    PositionPipeline pipeline,
    TimeProvider clock)
{
    public AisLineHandler CreateHandler() =>
        new(new AisDecoder(clock), validator, vessels, statistics, clock);

    public PositionPipeline Pipeline => pipeline;

    /// <summary>
    /// Reads NMEA lines from a stream until it ends, too many of them are bad, or the service stops; hands
    /// positions to the pipeline after each read.
    /// </summary>
    /// <returns>Whether the stream was given up on for bad input.</returns>
    public async Task<bool> ReadStreamAsync(Stream stream, int maxErrors, CancellationToken cancellationToken)
    {
        var handler = CreateHandler();
        var input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 4096));
        try
        {
            while (true)
            {
                var read = await input.ReadAsync(cancellationToken);
                var buffer = read.Buffer;
                handler.HandleLines(ref buffer, read.IsCompleted);
                input.AdvanceTo(buffer.Start, read.Buffer.End);

                var positions = handler.TakePositions();
                if (positions.Count > 0)
                {
                    await pipeline.IngestAsync(positions, cancellationToken);
                }

                if (handler.Errors >= maxErrors)
                {
                    return true;
                }

                if (read.IsCompleted)
                {
                    return false;
                }
            }
        }
        finally
        {
            await input.CompleteAsync();
        }
    }
}

/// <summary>The AIS TCP server: receivers and feeds connect and push sentences, one line each.</summary>
public sealed partial class AisTcpServer(AisOptions options, AisSources sources, ILogger<AisTcpServer> logger)
    : BackgroundService
{
    private readonly TaskCompletionSource<IPEndPoint> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<IPEndPoint> LocalEndPoint => _bound.Task;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.TcpServer.Enabled)
        {
            _bound.TrySetCanceled(cancellationToken);
            return Task.CompletedTask;
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Parse(options.TcpServer.Address), options.TcpServer.Port));
        listener.Listen(256);
        var endPoint = (IPEndPoint)listener.LocalEndPoint!;
        _bound.TrySetResult(endPoint);
        LogListening(logger, "TCP", endPoint);

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
            catch (SocketException)
            {
                continue;
            }

            _ = ServeAsync(socket, stoppingToken);
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken stoppingToken)
    {
        var peer = socket.RemoteEndPoint?.ToString() ?? "unknown";
        try
        {
            await using var stream = new NetworkStream(socket, ownsSocket: true);
            if (await sources.ReadStreamAsync(stream, options.MaxErrorsPerConnection, stoppingToken))
            {
                LogTooManyErrors(logger, peer, options.MaxErrorsPerConnection);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            LogPeerGone(logger, peer, e.Message);
        }
        catch (Exception e)
        {
            LogPeerFailed(logger, e, peer);
        }
    }

    [LoggerMessage(EventId = 710, Level = LogLevel.Information, Message = "AIS {Transport} listening on {EndPoint}")]
    private static partial void LogListening(ILogger logger, string transport, IPEndPoint endPoint);

    [LoggerMessage(EventId = 711, Level = LogLevel.Warning,
        Message = "AIS peer {Peer} disconnected after {Errors} bad sentences")]
    private static partial void LogTooManyErrors(ILogger logger, string peer, int errors);

    [LoggerMessage(EventId = 712, Level = LogLevel.Debug, Message = "AIS peer {Peer} gone: {Reason}")]
    private static partial void LogPeerGone(ILogger logger, string peer, string reason);

    [LoggerMessage(EventId = 713, Level = LogLevel.Error, Message = "AIS peer {Peer} failed")]
    private static partial void LogPeerFailed(ILogger logger, Exception exception, string peer);
}

/// <summary>
/// The AIS UDP listener: each datagram holds one or more sentences. Multi-part messages are assembled per
/// sender; the number of senders remembered is bounded.
/// </summary>
public sealed partial class AisUdpListener(AisOptions options, AisSources sources, ILogger<AisUdpListener> logger)
    : BackgroundService
{
    private const int MaxSenders = 1024;

    private readonly TaskCompletionSource<IPEndPoint> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<EndPoint, AisLineHandler> _senders = [];

    public Task<IPEndPoint> LocalEndPoint => _bound.Task;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Udp.Enabled)
        {
            _bound.TrySetCanceled(cancellationToken);
            return Task.CompletedTask;
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(options.Udp.Address), options.Udp.Port));
        var endPoint = (IPEndPoint)socket.LocalEndPoint!;
        _bound.TrySetResult(endPoint);
        LogListening(logger, endPoint);

        var datagram = new byte[65_536];
        EndPoint anyone = new IPEndPoint(IPAddress.Any, 0);
        while (!stoppingToken.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(datagram, SocketFlags.None, anyone, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (SocketException)
            {
                // An ICMP "port unreachable" for an earlier send surfaces here; it is nobody's input.
                continue;
            }

            var handler = HandlerFor(received.RemoteEndPoint);
            var buffer = new ReadOnlySequence<byte>(datagram, 0, received.ReceivedBytes);
            handler.HandleLines(ref buffer, final: true);
            var positions = handler.TakePositions();
            if (positions.Count > 0)
            {
                await sources.Pipeline.IngestAsync(positions, stoppingToken);
            }
        }
    }

    private AisLineHandler HandlerFor(EndPoint sender)
    {
        if (!_senders.TryGetValue(sender, out var handler))
        {
            if (_senders.Count >= MaxSenders)
            {
                _senders.Clear();
            }

            handler = sources.CreateHandler();
            _senders[sender] = handler;
        }

        return handler;
    }

    [LoggerMessage(EventId = 720, Level = LogLevel.Information, Message = "AIS UDP listening on {EndPoint}")]
    private static partial void LogListening(ILogger logger, IPEndPoint endPoint);
}

/// <summary>
/// Connects to an AIS feed as a TCP client and reads its sentences; when the feed drops or cannot be reached,
/// dials again after a delay that doubles up to a bound, and resets once a connection holds.
/// </summary>
public sealed partial class AisFeedClient(
    AisFeedOptions feed,
    AisOptions options,
    AisSources sources,
    TimeProvider clock,
    ILogger<AisFeedClient> logger) : BackgroundService
{
    private int _connections;

    /// <summary>How many times a connection to the feed was made.</summary>
    public int Connections => Volatile.Read(ref _connections);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = options.ReconnectDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(feed.Host, feed.Port, stoppingToken);
                Interlocked.Increment(ref _connections);
                LogConnected(logger, feed.Host, feed.Port);
                delay = options.ReconnectDelay;
                await using var stream = new NetworkStream(socket, ownsSocket: false);
                await sources.ReadStreamAsync(stream, options.MaxErrorsPerConnection, stoppingToken);
                LogLost(logger, feed.Host, feed.Port, "the feed closed the connection");
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                LogLost(logger, feed.Host, feed.Port, e.Message);
            }

            await Task.Delay(delay, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxReconnectDelay.Ticks));
        }
    }

    [LoggerMessage(EventId = 730, Level = LogLevel.Information, Message = "AIS feed {Host}:{Port} connected")]
    private static partial void LogConnected(ILogger logger, string host, int port);

    [LoggerMessage(
        EventId = 731, Level = LogLevel.Warning, Message = "AIS feed {Host}:{Port} lost, dialling again: {Reason}")]
    private static partial void LogLost(ILogger logger, string host, int port, string reason);
}

public static class AisServiceCollectionExtensions
{
    public static IServiceCollection AddGeoCreditAis(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AisOptions.Section).Get<AisOptions>() ?? new AisOptions();
        services.AddSingleton(options);
        services.AddSingleton<GeoCredit.Storage.Vessels.VesselStaticStore>();
        services.AddSingleton<VesselRegistry>();
        services.AddSingleton<GeoCredit.Server.Hosting.IDatabaseSeed>(sp => sp.GetRequiredService<VesselRegistry>());
        services.AddHostedService(sp => sp.GetRequiredService<VesselRegistry>());
        services.AddSingleton<AisSources>();
        services.AddSingleton<AisTcpServer>();
        services.AddHostedService(sp => sp.GetRequiredService<AisTcpServer>());
        services.AddSingleton<AisUdpListener>();
        services.AddHostedService(sp => sp.GetRequiredService<AisUdpListener>());
        foreach (var feed in options.Feeds)
        {
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<AisFeedClient>(sp, feed));
        }

        return services;
    }
}
