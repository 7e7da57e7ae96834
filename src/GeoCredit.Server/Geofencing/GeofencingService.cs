using System.Globalization;
using System.Threading.Channels;
using GeoCredit.Core.Credit;
using GeoCredit.Core.Dispatch;
using GeoCredit.Core.Geofencing;
using GeoCredit.Core.Rules;
using GeoCredit.Core.Tracking;
using GeoCredit.Server.Dispatch;

namespace GeoCredit.Server.Geofencing;

/// <summary>Settings under <c>GeoCredit:Zones</c>.</summary>
public sealed class ZonesOptions
{
    public const string Section = "GeoCredit:Zones";

    /// <summary>A folder of GeoJSON zone files (<c>*.geojson</c>) loaded at start; none when empty.</summary>
    public string? Directory { get; set; } = Path.Combine("geodata", "zones");

    /// <summary>The rules file (JSON); none when empty.</summary>
    public string? RulesFile { get; set; } = Path.Combine("geodata", "rules.json");
}

/// <summary>
/// Judges every position that moved an object against the zones and the live credit grade of whoever is
/// there: the tracker says which zones it entered, the rule engine which rules apply with the grades that hold
/// then, and what follows (an alert, perhaps a work order) is done off the hot path. A grade change takes
/// effect at once: the objects of the subjects it touches are judged again in the zones they are in.
/// Thread-safe.
/// </summary>
public sealed partial class GeofencingService(
    ZonesOptions options,
    GeofenceEngine engine,
    GeofenceTracker tracker,
    CreditRegistry credit,
    LiveState liveState,
    DispatchService dispatch,
    GeoCredit.Core.Voyages.VoyagePlanBook voyages,
    GeoCredit.Storage.Credit.ZoneEventStore zoneEvents,
    GeoCredit.Server.Ingest.Ais.VesselRegistry vessels,
    TimeProvider clock,
    ILogger<GeofencingService> logger) : BackgroundService
{
    // About one knot: slower than this a yacht is moored or drifting, not under way.
    private const double UnderWayKmh = 2;

    private readonly DrivingBehaviourMonitor _driving = new(new DrivingBehaviourOptions());
    private readonly BikeParkingMonitor _parking = new(new BikeParkingOptions());
    private readonly Channel<ZoneTransition> _transitions = Channel.CreateBounded<ZoneTransition>(
        new BoundedChannelOptions(100_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly Channel<string> _verifications = Channel.CreateUnbounded<string>(new UnboundedChannelOptions
    {
        SingleReader = true,
    });
    private readonly Channel<Finding> _hits = Channel.CreateBounded<Finding>(
        new BoundedChannelOptions(100_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private volatile RuleEngine _rules = new([], credit);

    public RuleEngine Rules => _rules;

    public GeofenceEngine Engine => engine;

    public GeofenceTracker Tracker => tracker;

    private int _loaded;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        EnsureLoaded();
        return base.StartAsync(cancellationToken);
    }

    /// <summary>Loads the zone files and the rules once, whichever comes first: the start of the service, or the
    /// replay of stored zone changes (which must apply over the files, not under them).</summary>
    public void EnsureLoaded()
    {
        lock (_hits)
        {
            if (_loaded == 0)
            {
                LoadZones();
                LoadRules();
                _loaded = 1;
            }
        }
    }

    /// <summary>Adds or replaces zones from a GeoJSON document at once, without a restart.</summary>
    public ZoneLoadResult UpsertZones(string geoJson)
    {
        var result = GeoJsonZoneReader.Read(geoJson);
        if (result.Zones.Count > 0)
        {
            engine.Apply(result.Zones, []);
            tracker.ReevaluateAll(clock.GetUtcNow());
        }

        return result;
    }

    /// <summary>Removes zones at once; objects inside them get an exit marked as the zone's removal.</summary>
    /// <returns>The ids that named a zone.</returns>
    public IReadOnlyList<string> RemoveZones(IReadOnlyList<string> zoneIds)
    {
        var known = zoneIds.Where(id => engine.Current.TryGetZone(id, out _)).ToArray();
        if (known.Length > 0)
        {
            engine.Apply([], known);
            tracker.ReevaluateAll(clock.GetUtcNow());
        }

        return known;
    }

    /// <summary>Judges the fixes that moved their objects; called by the pipeline for every one.</summary>
    public void Observe(IReadOnlyList<PositionReport> moved)
    {
        foreach (var report in moved)
        {
            var transitions = tracker.Observe(report);
            for (var i = 0; i < transitions.Count; i++)
            {
                var transition = transitions[i];
                _transitions.Writer.TryWrite(transition);
                if (transition.Kind == ZoneTransitionKind.Enter
                    && engine.Current.TryGetZone(transition.ZoneId, out var zone))
                {
                    Queue(_rules.Judge(zone, report, transition.Time));
                    if (report.Kind == ObjectKind.Bike && zone.Kind == ZoneKind.Parking)
                    {
                        OnBikeParkedInZone(zone, report);
                    }
                }
            }

            if (report.Kind == ObjectKind.Bike && _parking.HasJustParked(report))
            {
                JudgeParking(report);
            }

            // A yacht under way needs an approved voyage plan that covers the moment (the Huangpu case).
            if (report.Kind == ObjectKind.Yacht && (report.SpeedKmh ?? 0) >= UnderWayKmh &&
                !voyages.HasActivePlan(report.ObjectId, report.FixTime))
            {
                _hits.Writer.TryWrite(new Finding("yacht-no-voyage-plan", "Yacht under way without a voyage plan",
                    AlertSeverity.Warning, null, null, report, null, report.FixTime,
                    "The yacht is under way with no approved voyage plan covering this time."));
            }

            // Hazardous-goods vehicles are also watched for how they drive (the Dongying case).
            if (report.Kind == ObjectKind.Truck)
            {
                foreach (var finding in _driving.Observe(report, SpeedLimitAt(report.ObjectId)))
                {
                    Queue(finding);
                }
            }
        }
    }

    /// <summary>A bike entered a permitted parking zone: its parking orders can verify themselves, and the zone may
    /// now hold more bikes than it is for (the Beijing case).</summary>
    private void OnBikeParkedInZone(Zone zone, PositionReport report)
    {
        _verifications.Writer.TryWrite(report.ObjectId);
        if (zone.Attributes.Capacity is { } capacity && tracker.CountIn(zone.Id) > capacity)
        {
            // Keyed by the zone, not the bike: one open rebalancing alert per zone however many bikes arrive.
            _hits.Writer.TryWrite(new Finding("parking-over-capacity", "Parking zone over capacity",
                AlertSeverity.Reminder, zone, new RuleOrder(null, false, true, "rebalance"),
                report with { ObjectId = zone.Id }, null, report.FixTime,
                $"The zone holds {tracker.CountIn(zone.Id)} bikes for {capacity} places: rebalance."));
        }
    }

    /// <summary>A bike has stood long enough to judge where: inside its operating area it must be in a permitted
    /// parking zone (no-parking zones have their own rule).</summary>
    private void JudgeParking(PositionReport report)
    {
        Zone? area = null;
        foreach (var stay in tracker.ZonesOf(report.ObjectId))
        {
            if (!engine.Current.TryGetZone(stay.ZoneId, out var zone))
            {
                continue;
            }

            if (zone.Kind is ZoneKind.Parking or ZoneKind.NoParking)
            {
                return;
            }

            area = zone.Kind == ZoneKind.OperatingArea ? zone : area;
        }

        if (area is not null)
        {
            _hits.Writer.TryWrite(new Finding("bike-parked-outside-zone", "Bike parked outside a permitted zone",
                AlertSeverity.Warning, area, new RuleOrder(null, false, true, "main_street"),
                report, null, report.FixTime,
                "The bike has stood outside any permitted parking zone for " +
                $"{_parking.Options.StandingFor.TotalMinutes:0} minutes: its operator must move it into one."));
        }
    }

    /// <summary>
    /// Judges the rules that hold only in a zone's time windows (B-class yachts in the core zone at peak hours)
    /// for every object inside such a zone now, so that one already inside when the window opens is found too.
    /// </summary>
    public void CheckTimeWindows()
    {
        var now = clock.GetUtcNow();
        var rules = _rules;
        if (rules.WindowedKinds.Count == 0)
        {
            return;
        }

        // Only the kinds a window rule is about: yachts, not the hundreds of thousands of bikes.
        foreach (var report in liveState.All().Where(r => rules.WindowedKinds.Contains(r.Kind)))
        {
            foreach (var stay in tracker.ZonesOf(report.ObjectId))
            {
                if (engine.Current.TryGetZone(stay.ZoneId, out var zone) && zone.Attributes.TimeWindows.Count > 0)
                {
                    Queue(rules.Judge(zone, report, now, RuleTrigger.InsideDuringWindows));
                }
            }
        }
    }

    /// <summary>Reports moving vehicles that went silent; called on a schedule.</summary>
    public void CheckSilence()
    {
        foreach (var finding in _driving.CheckSilence(clock.GetUtcNow()))
        {
            Queue(finding);
        }
    }

    private double? SpeedLimitAt(string objectId)
    {
        double? limit = null;
        foreach (var stay in tracker.ZonesOf(objectId))
        {
            if (engine.Current.TryGetZone(stay.ZoneId, out var zone) && zone.Attributes.SpeedLimitKmh is { } zoneLimit)
            {
                limit = limit is { } current ? Math.Min(current, zoneLimit) : zoneLimit;
            }
        }

        return limit;
    }

    /// <summary>Judges again, in the zones they are in now, the objects whose grades a change touched.</summary>
    public void OnGradeChanged(GradeChange change) => Reevaluate(change.Subject);

    /// <summary>Judges again, in the zones they are in now, the objects of a subject and of those that carry its
    /// grade (a driver's vehicle, a company's vessels).</summary>
    public void Reevaluate(SubjectRef changed)
    {
        var now = clock.GetUtcNow();
        var subjects = credit.SubjectsAffectedBy(changed, now).Append(changed).Distinct();
        foreach (var subject in subjects)
        {
            foreach (var objectId in credit.ObjectsOf(subject).Append(subject.Id).Distinct())
            {
                if (!liveState.TryGet(objectId, out var report))
                {
                    continue;
                }

                foreach (var stay in tracker.ZonesOf(objectId))
                {
                    if (engine.Current.TryGetZone(stay.ZoneId, out var zone))
                    {
                        Queue(_rules.Judge(zone, report, now));
                    }
                }
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var silence = WatchSilenceAsync(stoppingToken);
        var verifications = VerifyAsync(stoppingToken);
        var events = StoreTransitionsAsync(stoppingToken);
        await foreach (var hit in _hits.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await ActAsync(hit, stoppingToken);
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
            {
                LogActFailed(logger, hit.RuleId, hit.Position.ObjectId, e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One finding that cannot be acted on must not stop the ones after it.
                LogActCrashed(logger, e, hit.RuleId, hit.Position.ObjectId);
            }
        }

        await silence;
        await verifications;
        await events;
    }

    /// <summary>Stores zone transitions in batches; while the database is away a batch waits and is tried again
    /// (the channel is bounded, so memory is too).</summary>
    private async Task StoreTransitionsAsync(CancellationToken stoppingToken)
    {
        var batch = new List<ZoneTransition>();
        try
        {
            while (await _transitions.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < 5_000 && _transitions.Reader.TryRead(out var transition))
                {
                    batch.Add(transition);
                }

                try
                {
                    await zoneEvents.WriteAsync(batch, stoppingToken);
                    batch.Clear();
                }
                catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
                {
                    LogActFailed(logger, "zone events", $"{batch.Count} transitions", e.Message);
                    await Task.Delay(TimeSpan.FromSeconds(2), clock, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A batch the database refuses as such would be refused for ever: it is dropped, and said.
                    LogActCrashed(logger, e, "zone events", $"{batch.Count} transitions");
                    batch.Clear();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task VerifyAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var objectId in _verifications.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await dispatch.VerifyAutomaticallyAsync(
                        objectId, "the bike is in a permitted parking zone", stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogActFailed(logger, "verification", objectId, e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task WatchSilenceAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                CheckSilence();
                CheckTimeWindows();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ActAsync(Finding hit, CancellationToken cancellationToken)
    {
        var position = hit.Position;
        var message = hit.Message;
        if (position.Kind == ObjectKind.Vessel && vessels.TryGet(position.ObjectId, out var vessel))
        {
            // What a lock or berth needs to plan with: the vessel's identity and size from its AIS static data.
            message += $" {vessel.Name ?? position.ObjectId}: " +
                $"{vessel.Length?.ToString(CultureInfo.InvariantCulture) ?? "?"} m " +
                $"by {vessel.Beam?.ToString(CultureInfo.InvariantCulture) ?? "?"} m, draught " +
                $"{vessel.Draught?.ToString(CultureInfo.InvariantCulture) ?? "?"} m.";
        }

        var evidence = new AlertEvidence(position.Longitude, position.Latitude, position.FixTime,
            hit.Grade is { } g ? new GradeAtRaise(g.Scheme.Id, g.Level) : null, hit.RuleName, hit.Zone?.Name, message);
        var alert = new Alert($"al-{Guid.NewGuid():N}"[..15], hit.RuleId, position.ObjectId, hit.Zone?.Id, hit.Severity,
            hit.At, evidence);
        var raise = await dispatch.RaiseAlertAsync(alert, cancellationToken);
        if (!raise.Opened || hit.Order is not { } order)
        {
            return;
        }

        Addressee? addressee = order.ToOperator && position.OperatorId is { } company
            ? Addressee.Company(company)
            : (order.Team ?? (order.ToZoneOwner ? hit.Zone?.Attributes.OwnerTeam : null)) is { } team
                ? Addressee.Team(team)
                : null;
        if (addressee is null)
        {
            LogNoAddressee(logger, hit.RuleId, hit.Zone?.Id ?? "none");
            return;
        }

        await dispatch.CreateOrderAsync(new WorkOrderDraft
        {
            Id = $"wo-{Guid.NewGuid():N}"[..15],
            Title = hit.Zone is { } where ? $"{hit.RuleName}: {position.ObjectId} in {where.Name}"
                : $"{hit.RuleName}: {position.ObjectId}",
            Note = hit.Message,
            Origin = WorkOrderOrigin.Rule,
            AlertId = raise.Alert.Id,
            RuleId = hit.RuleId,
            Addressee = addressee,
            Longitude = position.Longitude,
            Latitude = position.Latitude,
            ZoneClass = order.ZoneClass,
            CreatedBy = WorkOrder.SystemActor,
            CreatedAt = clock.GetUtcNow(),
        }, cancellationToken);
    }

    private void Queue(IReadOnlyList<RuleHit> hits)
    {
        foreach (var hit in hits)
        {
            _hits.Writer.TryWrite(new Finding(hit.Rule.Id, hit.Rule.Name, hit.Rule.Severity, hit.Zone, hit.Rule.Order,
                hit.Position, hit.Grade, hit.At, hit.Rule.Message));
        }
    }

    private void Queue(DrivingFinding finding)
    {
        var (id, name, severity) = finding.Behaviour switch
        {
            DrivingBehaviour.Speeding => ("hazmat-speeding", "Hazardous-goods vehicle speeding", AlertSeverity.Warning),
            DrivingBehaviour.FatigueDriving =>
                ("hazmat-fatigue", "Hazardous-goods fatigue driving", AlertSeverity.High),
            _ => ("hazmat-positioning-anomaly", "Hazardous-goods positioning anomaly", AlertSeverity.Warning),
        };
        _hits.Writer.TryWrite(
            new Finding(id, name, severity, null, null, finding.Position, null, finding.At, finding.Message));
    }

    /// <summary>Something to act on: a rule that applied in a zone, or a way of driving.</summary>
    private sealed record Finding(
        string RuleId,
        string RuleName,
        AlertSeverity Severity,
        Zone? Zone,
        RuleOrder? Order,
        PositionReport Position,
        EffectiveGrade? Grade,
        DateTimeOffset At,
        string Message);

    private void LoadZones()
    {
        if (string.IsNullOrEmpty(options.Directory) || !System.IO.Directory.Exists(options.Directory))
        {
            return;
        }

        var zones = new List<Zone>();
        foreach (var file in System.IO.Directory.EnumerateFiles(options.Directory, "*.geojson")
            .Order(StringComparer.Ordinal))
        {
            var result = GeoJsonZoneReader.Read(File.ReadAllText(file));
            zones.AddRange(result.Zones);
            foreach (var error in result.Errors)
            {
                LogZoneError(logger, file, error.FeatureIndex, error.Message);
            }
        }

        engine.Replace(zones);
        LogZones(logger, zones.Count);
    }

    private void LoadRules()
    {
        if (string.IsNullOrEmpty(options.RulesFile) || !File.Exists(options.RulesFile))
        {
            return;
        }

        var result = RuleBookReader.Read(File.ReadAllText(options.RulesFile));
        foreach (var error in result.Errors)
        {
            LogRuleError(logger, options.RulesFile, error);
        }

        _rules = new RuleEngine(result.Rules, credit);
        LogRules(logger, result.Rules.Count);
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Loaded {Count} zones")]
    private static partial void LogZones(ILogger logger, int count);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Zone file {File}, feature {Index}: {Reason}")]
    private static partial void LogZoneError(ILogger logger, string file, int index, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Loaded {Count} rules")]
    private static partial void LogRules(ILogger logger, int count);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Rule file {File}: {Reason}")]
    private static partial void LogRuleError(ILogger logger, string file, string reason);

    [LoggerMessage(
        EventId = 1004, Level = LogLevel.Warning, Message = "Rule {RuleId} fired for {ObjectId} but: {Reason}")]
    private static partial void LogActFailed(ILogger logger, string ruleId, string objectId, string reason);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Error, Message = "Rule {RuleId} fired for {ObjectId} and failed")]
    private static partial void LogActCrashed(ILogger logger, Exception exception, string ruleId, string objectId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning,
        Message = "Rule {RuleId} asks for a work order but zone {ZoneId} names no team and the object no operator")]
    private static partial void LogNoAddressee(ILogger logger, string ruleId, string zoneId);
}
