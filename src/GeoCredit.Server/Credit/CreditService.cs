using GeoCredit.Core.Credit;
using GeoCredit.Server.Auth;
using GeoCredit.Server.Geofencing;
using GeoCredit.Server.Hosting;
using GeoCredit.Server.Live;
using GeoCredit.Storage.Credit;

namespace GeoCredit.Server.Credit;

/// <summary>What an import did: how many grades changed, and each refused row with its reason.</summary>
public sealed record GradeImportOutcome(int Rows, int Applied, int Changed, IReadOnlyList<GradeImportError> Errors);

/// <summary>
/// The live credit registry with its history kept in the database: a grade set through GraphQL or an import is
/// stored, takes effect at once for objects already inside zones, and is sent to the consoles. Thread-safe.
/// </summary>
public sealed class CreditService(
    CreditRegistry registry,
    CreditStore store,
    GeofencingService geofencing,
    GeoCredit.Storage.Dispatch.DispatchStore alerts,
    LiveFeed live,
    TimeProvider clock) : IDatabaseSeed
{
    public const string GradeMessage = "grade";

    /// <summary>
    /// The rule whose alerts cost a terminal points: a C-class vessel at its berth (the Guanhe case).
    /// </summary>
    public const string BerthRuleId = "guanhe-c-vessel-berth";

    /// <summary>Points a terminal loses for each failing vessel at one of its berths.</summary>
    public const decimal PointsPerFailingVessel = 5;

    private static readonly TimeSpan ChinaTime = TimeSpan.FromHours(8);

    public CreditRegistry Registry => registry;

    /// <summary>Replays every stored assignment and link, in the order they were made.</summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var link in await store.LinksAsync(cancellationToken))
        {
            if (link.Target is { } target)
            {
                registry.Link(link.Subject, link.Kind, target, link.At, link.Source);
            }
            else
            {
                registry.Unlink(link.Subject, link.Kind, link.At, link.Source);
            }
        }

        foreach (var a in await store.AssignmentsAsync(cancellationToken))
        {
            if (a.Level is { } level)
            {
                registry.SetGrade(a.Subject, a.SchemeId, level, a.ValidFrom, a.Source, a.Reason);
            }
            else
            {
                registry.ClearGrade(a.Subject, a.SchemeId, a.ValidFrom, a.Source, a.Reason);
            }
        }
    }

    public async Task<GradeChange?> SetGradeAsync(
        SubjectRef subject, string scheme, string level, DateTimeOffset? validFrom,
        string source, string reason, CancellationToken cancellationToken)
    {
        var from = validFrom ?? clock.GetUtcNow();
        var change = registry.SetGrade(subject, scheme, level, from, source, reason);
        await store.AppendAsync(new StoredAssignment(subject, scheme, level, from, source, reason), cancellationToken);
        await AnnounceAsync(change, cancellationToken);
        return change;
    }

    public async Task<LinkChange?> LinkAsync(
        SubjectRef subject, LinkKind kind, SubjectRef? target, DateTimeOffset? validFrom,
        string source, CancellationToken cancellationToken)
    {
        var at = validFrom ?? clock.GetUtcNow();
        var change = target is { } t ? registry.Link(subject, kind, t, at, source)
            : registry.Unlink(subject, kind, at, source);
        await store.AppendAsync(new StoredLink(subject, kind, target, at, source), cancellationToken);
        if (change is not null)
        {
            // A new driver may be red: the vehicle is judged again where it is.
            foreach (var affected in change.AffectedSubjects)
            {
                geofencing.Reevaluate(affected);
            }
        }

        return change;
    }

    /// <summary>Imports grades from a credit platform's CSV or JSON, row by row: good rows apply, bad rows are
    /// listed with their reason.</summary>
    public async Task<GradeImportOutcome> ImportAsync(
        string format, string text, string source, CancellationToken cancellationToken)
    {
        var import = new GradeImport(registry.Schemes, clock.GetUtcNow(), source);
        var result = format.Equals("json", StringComparison.OrdinalIgnoreCase) ? import.ParseJson(text)
            : import.ParseCsv(text);
        var changed = 0;
        foreach (var assignment in result.Assignments)
        {
            var change = registry.SetGrade(assignment);
            await store.AppendAsync(new StoredAssignment(assignment.Subject, assignment.SchemeId, assignment.Level,
                assignment.ValidFrom, assignment.Source, assignment.Reason), cancellationToken);
            if (change is not null)
            {
                changed++;
                await AnnounceAsync(change, cancellationToken);
            }
        }

        return new GradeImportOutcome(result.Rows, result.Assignments.Count, changed, result.Errors);
    }

    /// <summary>
    /// Rates every terminal that owns a berth for a month (China time), from its deductions: each C-class vessel
    /// found at one of its berths costs it points, and the points give its level on the terminal scheme
    /// (blue, green, yellow, red). The levels are set as grades from the first of the next month.
    /// </summary>
    public async Task<IReadOnlyList<MonthlyLevel>> RateTerminalsAsync(
        CreditMonth month, CancellationToken cancellationToken)
    {
        var berths = geofencing.Engine.Current.Zones
            .Where(z => z.Kind == GeoCredit.Core.Geofencing.ZoneKind.Berth && z.Attributes.OwnerTeam is not null)
            .ToDictionary(z => z.Id, z => new SubjectRef(SubjectKind.Terminal, z.Attributes.OwnerTeam!));
        var start = month.Start(ChinaTime);
        var end = month.Next().Start(ChinaTime);
        var points = (await alerts.AlertsAsync(null, 100_000, cancellationToken))
            .Where(a => a.RuleId == BerthRuleId && a.RaisedAt >= start && a.RaisedAt < end && a.ZoneId is not null &&
                berths.ContainsKey(a.ZoneId))
            .Select(a => new MonthlyPoints(berths[a.ZoneId!], month, PointsPerFailingVessel));
        var levels = MonthlyRating.Terminal.Rate(month, berths.Values.Distinct(), points);
        foreach (var level in levels)
        {
            await SetGradeAsync(level.Subject, level.SchemeId, level.Level, end, "monthly terminal rating",
                $"{level.Points} deduction points in {month}", cancellationToken);
        }

        return levels;
    }

    private async Task AnnounceAsync(GradeChange? change, CancellationToken cancellationToken)
    {
        if (change is null)
        {
            return;
        }

        geofencing.OnGradeChanged(change);
        await live.PublishAsync(GradeMessage, change,
            [LiveGroups.Role(Roles.Operator), LiveGroups.Role(Roles.Admin), LiveGroups.Role(Roles.Lock)],
            cancellationToken);
    }
}
