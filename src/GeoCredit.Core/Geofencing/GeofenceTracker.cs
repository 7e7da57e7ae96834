using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using GeoCredit.Core.Tracking;

namespace GeoCredit.Core.Geofencing;

/// <summary>
/// Keeps, per tracked object, the zones it is in, and turns each new fix into the transitions it reveals. Times
/// come from the fixes, so a replay gives the same transitions as the live run.
/// </summary>
/// <remarks>
/// <para><b>Margins.</b> A fix enters a zone when it is inside by at least its margin (capped at the zone's half
/// depth) and leaves it when it is outside by at least its margin, where the margin grows with the fix's
/// reported accuracy (see <see cref="GeofenceTrackerOptions"/>). Distances to the boundary are measured in metres
/// in the fix's local frame.</para>
/// <para><b>Confirmation and dwell.</b> With <see cref="GeofenceTrackerOptions.EnterConfirmation"/> an entry is
/// held back until the object has been inside that long, then emitted with the time it came in; leaving first
/// cancels it silently. A dwell is emitted once per stay when the stay reaches
/// <see cref="GeofenceTrackerOptions.DwellAfter"/>.</para>
/// <para><b>Path.</b> When two successive fixes are far apart in space or time (but not a gap), the straight
/// segment between them is tested as well: a zone it passes through gives an entry and an exit at the
/// interpolated times, and the entry into, or exit from, a zone at the new fix is dated where the segment crosses
/// its boundary.</para>
/// <para><b>Gap.</b> After a silence longer than <see cref="GeofenceTrackerOptions.SilenceGap"/>, an object
/// outside a zone it was in has left it (an exit at reappearance, <see cref="ZoneTransitionCause.AfterGap"/>); one
/// still inside keeps its stay, without an exit and entry of its own making.</para>
/// <para><b>Order.</b> A fix no newer than the object's last is ignored and changes nothing.</para>
/// <para><b>Zone changes.</b> Stays are kept by zone id, so a replaced zone is judged on the next fix by its new
/// shape, and a removed one gives an exit (<see cref="ZoneTransitionCause.ZoneRemoved"/>);
/// <see cref="ReevaluateAll"/> does that for every object at once.</para>
/// <para><b>Thread-safety.</b> Safe for concurrent calls: fixes of different objects proceed in parallel, fixes of
/// one object are serialised by a lock of its own (uncontended when a partition owns each object).</para>
/// </remarks>
public sealed class GeofenceTracker(GeofenceEngine engine, GeofenceTrackerOptions options)
{
    private const int StackHits = 32;

    private static readonly ZoneTransition[] NoTransitions = [];

    private readonly ConcurrentDictionary<string, ObjectTrack> _tracks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<int>> _occupancy = new(StringComparer.Ordinal);
    private long _ignoredFixes;

    public GeofenceTracker(GeofenceEngine engine)
        : this(engine, new GeofenceTrackerOptions())
    {
    }

    public GeofenceTrackerOptions Options => options;

    /// <summary>How many objects have been seen.</summary>
    public int ObjectCount => _tracks.Count;

    /// <summary>How many fixes were ignored because they were no newer than their object's last.</summary>
    public long IgnoredFixes => Interlocked.Read(ref _ignoredFixes);

    /// <summary>Judges one fix against the zones in force and returns what it reveals, oldest first.</summary>
    public IReadOnlyList<ZoneTransition> Observe(PositionReport report)
    {
        var track = _tracks.GetOrAdd(report.ObjectId, static _ => new ObjectTrack());
        lock (track.Gate)
        {
            var last = track.Last;
            if (last is not null && report.FixTime <= last.FixTime)
            {
                Interlocked.Increment(ref _ignoredFixes);
                return NoTransitions;
            }

            var afterGap = last is not null && report.FixTime - last.FixTime > options.SilenceGap;
            var from = last is not null && !afterGap && IsSparse(last, report) ? last : null;
            var cause = afterGap ? ZoneTransitionCause.AfterGap : ZoneTransitionCause.Fix;
            var transitions = Evaluate(track, engine.Current, report, report.FixTime, from, cause, afterGap);
            track.Last = report;
            return transitions;
        }
    }

    /// <summary>The zones an object is in (entries confirmed), with when it entered each.</summary>
    public IReadOnlyList<ZoneStay> ZonesOf(string objectId)
    {
        if (!_tracks.TryGetValue(objectId, out var track))
        {
            return [];
        }

        lock (track.Gate)
        {
            return [.. track.Stays.Where(s => s.Confirmed).Select(s => new ZoneStay(s.ZoneId, s.Since))];
        }
    }

    /// <summary>How many objects are in a zone now: one counter per zone, kept as objects enter and leave.</summary>
    public int CountIn(string zoneId) =>
        _occupancy.TryGetValue(zoneId, out var count) ? Volatile.Read(ref count.Value) : 0;

    /// <summary>Every zone with at least one object in it, and how many.</summary>
    public IReadOnlyDictionary<string, int> Occupancy() => _occupancy
        .Select(pair => (pair.Key, Count: Volatile.Read(ref pair.Value.Value)))
        .Where(pair => pair.Count > 0)
        .ToDictionary(pair => pair.Key, pair => pair.Count, StringComparer.Ordinal);

    /// <summary>
    /// Judges one object's last fix again against the zones in force, as of a time (for instance after its zones
    /// or its grade changed). Exits of removed zones say so; other transitions are flagged as a re-evaluation.
    /// </summary>
    public IReadOnlyList<ZoneTransition> Reevaluate(string objectId, DateTimeOffset at) =>
        _tracks.TryGetValue(objectId, out var track) ? Reevaluate(track, engine.Current, at) : NoTransitions;

    /// <summary>
    /// Judges every object's last fix again, as <see cref="Reevaluate(string, DateTimeOffset)"/> does. Call it after
    /// a zone change that must apply before the objects next report.
    /// </summary>
    public IReadOnlyList<ZoneTransition> ReevaluateAll(DateTimeOffset at)
    {
        var index = engine.Current;
        var all = new List<ZoneTransition>();
        foreach (var track in _tracks.Values)
        {
            all.AddRange(Reevaluate(track, index, at));
        }

        return all;
    }

    private IReadOnlyList<ZoneTransition> Reevaluate(ObjectTrack track, ZoneIndex index, DateTimeOffset at)
    {
        lock (track.Gate)
        {
            if (track.Last is not { } last)
            {
                return NoTransitions;
            }

            var now = at > last.FixTime ? at : last.FixTime;
            return Evaluate(track, index, last, now, null, ZoneTransitionCause.Reevaluation, afterGap: false);
        }
    }

    private bool IsSparse(PositionReport last, PositionReport report)
    {
        var distance = LocalFrame.DistanceM(last.Longitude, last.Latitude, report.Longitude, report.Latitude);
        return distance > 0
            && distance <= options.PathMaxDistanceM
            && (distance >= options.PathMinDistanceM || report.FixTime - last.FixTime >= options.PathMinInterval);
    }

    private IReadOnlyList<ZoneTransition> Evaluate(ObjectTrack track, ZoneIndex index, PositionReport report,
        DateTimeOffset now, PositionReport? from, ZoneTransitionCause cause, bool afterGap)
    {
        var step = new Step(this, track, index, report, now, from, cause);
        Span<int> stackHits = stackalloc int[StackHits];
        var count = index.Locate(report.Longitude, report.Latitude, stackHits);
        var covering = count <= StackHits ? stackHits[..count] : new int[count];
        if (count > StackHits)
        {
            index.Locate(report.Longitude, report.Latitude, covering);
        }

        step.JudgeStays(covering, afterGap);
        step.JudgeNewZones(covering);
        if (from is not null)
        {
            step.JudgePassages(covering);
        }

        return step.Transitions;
    }

    private void Count(string zoneId, int delta) =>
        Interlocked.Add(ref _occupancy.GetOrAdd(zoneId, static _ => new StrongBox<int>()).Value, delta);

    private sealed class ObjectTrack
    {
        public Lock Gate { get; } = new();

        public PositionReport? Last { get; set; }

        public List<Stay> Stays { get; } = [];
    }

    /// <summary>An object in a zone: entered (confirmed), or waiting for its entry to be confirmed.</summary>
    private sealed class Stay(string zoneId, DateTimeOffset since, double longitude, double latitude,
        ZoneTransitionCause cause)
    {
        public string ZoneId { get; } = zoneId;

        public DateTimeOffset Since { get; set; } = since;

        public double Longitude { get; set; } = longitude;

        public double Latitude { get; set; } = latitude;

        public ZoneTransitionCause EntryCause { get; set; } = cause;

        public bool Confirmed { get; set; }

        public bool DwellEmitted { get; set; }
    }

    /// <summary>The judgement of one fix of one object, under that object's lock.</summary>
    private struct Step(GeofenceTracker tracker, ObjectTrack track, ZoneIndex index, PositionReport report,
        DateTimeOffset now, PositionReport? from, ZoneTransitionCause cause)
    {
        private readonly GeofenceTrackerOptions _options = tracker.Options;
        private readonly double _margin = tracker.Options.MarginFor(report.AccuracyM);
        private List<ZoneTransition>? _transitions;
        private List<double>? _cuts;
        private List<(double From, double To)>? _intervals;
        private HashSet<string>? _left;

        public readonly IReadOnlyList<ZoneTransition> Transitions => _transitions is null
            ? NoTransitions
            : [.. _transitions.OrderBy(t => t.Time)];

        /// <summary>Zones the object is in or entering: leave, confirm, dwell.</summary>
        public void JudgeStays(ReadOnlySpan<int> covering, bool afterGap)
        {
            var stays = track.Stays;
            var kept = 0;
            for (var i = 0; i < stays.Count; i++)
            {
                var stay = stays[i];
                if (!index.TryGetOrdinal(stay.ZoneId, out var ordinal))
                {
                    Leave(stay, now, report.Longitude, report.Latitude, ZoneTransitionCause.ZoneRemoved);
                    continue;
                }

                if (!covering.Contains(ordinal)
                    && index.DistanceToBoundaryM(ordinal, report.Longitude, report.Latitude, _margin) >= _margin)
                {
                    LeaveAlongPath(stay, ordinal);
                    continue;
                }

                stays[kept++] = stay;

                // Inside both before and after a gap says nothing about the time between: a pending entry starts
                // over, a confirmed stay goes on.
                if (afterGap && !stay.Confirmed)
                {
                    (stay.Since, stay.Longitude, stay.Latitude) = (now, report.Longitude, report.Latitude);
                }

                ConfirmAndDwell(stay);
            }

            stays.RemoveRange(kept, stays.Count - kept);
        }

        /// <summary>Zones that cover the fix and are not held yet: enter when deep enough.</summary>
        public void JudgeNewZones(ReadOnlySpan<int> covering)
        {
            foreach (var ordinal in covering)
            {
                var zoneId = index[ordinal].Id;
                if (Holds(zoneId))
                {
                    continue;
                }

                var needed = Math.Min(_margin, index.HalfDepthM(ordinal));
                if (index.DistanceToBoundaryM(ordinal, report.Longitude, report.Latitude, needed) < needed)
                {
                    continue;
                }

                // Dated where the path crossed the boundary when the fixes are sparse, else at this fix.
                var (time, lon, lat, entryCause) = (now, report.Longitude, report.Latitude, cause);
                if (from is not null && SegmentInside(ordinal) is { Count: > 0 } parts && parts[^1].To >= 1)
                {
                    (time, lon, lat) = Along(parts[^1].From);
                    entryCause = ZoneTransitionCause.Path;
                }

                var stay = new Stay(zoneId, time, lon, lat, entryCause);
                track.Stays.Add(stay);
                ConfirmAndDwell(stay);
            }
        }

        /// <summary>Zones the straight path between the two fixes passed through without either fix in them.</summary>
        public void JudgePassages(ReadOnlySpan<int> covering)
        {
            var previous = from!;
            var candidates = new HashSet<int>();
            index.QuerySegment(previous.Longitude, previous.Latitude, report.Longitude, report.Latitude, candidates);
            var margin = Math.Max(_margin, _options.MarginFor(previous.AccuracyM));
            var duration = report.FixTime - previous.FixTime;
            foreach (var ordinal in candidates.Order())
            {
                var zoneId = index[ordinal].Id;
                if (covering.Contains(ordinal) || Holds(zoneId) || (_left?.Contains(zoneId) ?? false))
                {
                    continue;
                }

                var parts = SegmentInside(ordinal);
                if (parts.Count == 0)
                {
                    continue;
                }

                // The longest piece inside must reach the entry depth at its middle, and last long enough.
                var (inFrom, inTo) = parts.MaxBy(part => part.To - part.From);
                var (_, midLon, midLat) = Along((inFrom + inTo) / 2);
                var needed = Math.Min(margin, index.HalfDepthM(ordinal));
                if (index.DistanceToBoundaryM(ordinal, midLon, midLat, needed) < needed
                    || duration * (inTo - inFrom) < _options.EnterConfirmation)
                {
                    continue;
                }

                var (enterTime, enterLon, enterLat) = Along(inFrom);
                var (exitTime, exitLon, exitLat) = Along(inTo);
                Emit(zoneId, ZoneTransitionKind.Enter, enterTime, enterLon, enterLat, ZoneTransitionCause.Path);
                if (_options.DwellAfter is { } dwell && exitTime - enterTime >= dwell)
                {
                    var (_, dwellLon, dwellLat) = Along(inFrom + ((inTo - inFrom) * (dwell / (exitTime - enterTime))));
                    Emit(zoneId, ZoneTransitionKind.Dwell, enterTime + dwell, dwellLon, dwellLat,
                        ZoneTransitionCause.Path);
                }

                Emit(zoneId, ZoneTransitionKind.Exit, exitTime, exitLon, exitLat, ZoneTransitionCause.Path);
            }
        }

        private readonly bool Holds(string zoneId)
        {
            foreach (var stay in track.Stays)
            {
                if (stay.ZoneId == zoneId)
                {
                    return true;
                }
            }

            return false;
        }

        private void LeaveAlongPath(Stay stay, int ordinal)
        {
            if (from is null)
            {
                Leave(stay, now, report.Longitude, report.Latitude, cause);
                return;
            }

            // Left where the path last crossed out of the zone; if it never was inside along the path, it had left
            // by the previous fix.
            var parts = SegmentInside(ordinal);
            var (time, lon, lat) = Along(parts.Count > 0 ? parts[^1].To : 0);
            Leave(stay, time, lon, lat, ZoneTransitionCause.Path);
        }

        private void Leave(Stay stay, DateTimeOffset time, double lon, double lat, ZoneTransitionCause why)
        {
            (_left ??= new HashSet<string>(StringComparer.Ordinal)).Add(stay.ZoneId);
            if (!stay.Confirmed)
            {
                return;
            }

            tracker.Count(stay.ZoneId, -1);
            Emit(stay.ZoneId, ZoneTransitionKind.Exit, time, lon, lat, why);
        }

        private void ConfirmAndDwell(Stay stay)
        {
            if (!stay.Confirmed && now - stay.Since >= _options.EnterConfirmation)
            {
                stay.Confirmed = true;
                tracker.Count(stay.ZoneId, +1);
                Emit(stay.ZoneId, ZoneTransitionKind.Enter, stay.Since, stay.Longitude, stay.Latitude,
                    stay.EntryCause);
            }

            if (stay.Confirmed && !stay.DwellEmitted && _options.DwellAfter is { } dwell && now - stay.Since >= dwell)
            {
                stay.DwellEmitted = true;
                Emit(stay.ZoneId, ZoneTransitionKind.Dwell, stay.Since + dwell, report.Longitude, report.Latitude,
                    cause);
            }
        }

        private List<(double From, double To)> SegmentInside(int ordinal)
        {
            var previous = from!;
            _cuts ??= [];
            _intervals ??= [];
            index.SegmentInside(ordinal, previous.Longitude, previous.Latitude, report.Longitude, report.Latitude,
                _cuts, _intervals);
            return _intervals;
        }

        /// <summary>The time and place a fraction of the way from the previous fix to this one.</summary>
        private readonly (DateTimeOffset Time, double Longitude, double Latitude) Along(double fraction)
        {
            var previous = from!;
            var ticks = (long)Math.Round((report.FixTime - previous.FixTime).Ticks * fraction);
            return (
                previous.FixTime + TimeSpan.FromTicks(ticks),
                previous.Longitude + ((report.Longitude - previous.Longitude) * fraction),
                previous.Latitude + ((report.Latitude - previous.Latitude) * fraction));
        }

        private void Emit(string zoneId, ZoneTransitionKind kind, DateTimeOffset time, double lon, double lat,
            ZoneTransitionCause why) =>
            (_transitions ??= []).Add(new ZoneTransition(report.ObjectId, zoneId, kind, time, lon, lat, why, report));
    }
}
