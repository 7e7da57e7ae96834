using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using GeoCredit.Core.Tracking;

namespace GeoCredit.Core.Credit;

/// <summary>
/// The live credit picture in memory: grade schemes, every subject's grade history, the links between
/// subjects (vehicle and driver, vessel and company, yacht and club, bike and operator, crew and vessel), and
/// which subject each tracked object is. The server loads it from storage, feeds it grade updates, and asks it
/// for the grades behind every position. Thread-safe: reads take no lock, writes are serialized.
/// </summary>
/// <remarks>
/// <para>
/// Thread-safe. Reads take no lock: each subject's grades and links are one immutable snapshot in a
/// <see cref="ConcurrentDictionary{TKey,TValue}"/>, and a writer replaces it whole, so a reader sees a subject
/// either wholly before or wholly after a write. Writes are rare (grade updates, shift changes, imports) and are
/// serialized by one lock, which makes each read-modify-write of a snapshot safe without retries.
/// </para>
/// <para>
/// A read across subjects (<see cref="EffectiveGrades(SubjectRef, DateTimeOffset)"/>) takes each subject's
/// snapshot separately: during a write it can see the new grade of a driver and the old link of a vehicle.
/// Each write returns its change, and the server re-evaluates after it, which settles any such read.
/// </para>
/// </remarks>
public sealed partial class CreditRegistry(TimeProvider clock)
{
    private readonly Lock _writeLock = new();
    private readonly ConcurrentDictionary<SubjectRef, SubjectCredit> _subjects = new();

    // Who links to a target, by kind: "which vehicles has this driver driven", "which bikes has this operator".
    // Entries are only ever added; whether a link still holds at a time is read from the linking subject.
    private readonly ConcurrentDictionary<(SubjectRef Target, LinkKind Kind), ConcurrentDictionary<SubjectRef, byte>>
        _linkedFrom = new();

    private readonly ConcurrentDictionary<string, SubjectRef> _objects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<SubjectRef, ImmutableArray<string>> _objectsOf = new();

    private FrozenDictionary<string, GradeScheme> _schemes =
        GradeScheme.BuiltIn.ToFrozenDictionary(scheme => scheme.Id, StringComparer.OrdinalIgnoreCase);

    /// <summary>The built-in schemes and every custom scheme defined so far.</summary>
    public IReadOnlyCollection<GradeScheme> Schemes => Volatile.Read(ref _schemes).Values;

    /// <summary>How many subjects have a grade or a link.</summary>
    public int SubjectCount => _subjects.Count;

    public bool TryGetScheme(string schemeId, [NotNullWhen(true)] out GradeScheme? scheme) =>
        Volatile.Read(ref _schemes).TryGetValue(schemeId, out scheme);

    /// <exception cref="KeyNotFoundException">No scheme has this id.</exception>
    public GradeScheme Scheme(string schemeId) =>
        TryGetScheme(schemeId, out var scheme)
            ? scheme
            : throw new KeyNotFoundException($"There is no grade scheme '{schemeId}'.");

    /// <summary>
    /// Adds a custom scheme, or replaces one. A replacement must keep every level of the scheme it replaces
    /// (it may reorder them or add new ones), so no stored grade is ever left with a level its scheme lacks.
    /// </summary>
    /// <exception cref="InvalidOperationException">The id is a built-in scheme's, or a level would be lost.</exception>
    public void DefineScheme(GradeScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);

        lock (_writeLock)
        {
            var schemes = _schemes;
            if (schemes.TryGetValue(scheme.Id, out var existing))
            {
                if (existing.IsBuiltIn)
                {
                    throw new InvalidOperationException($"'{scheme.Id}' is a built-in scheme and cannot be redefined.");
                }

                var lost = existing.Levels.Where(level => !scheme.Contains(level)).ToArray();
                if (lost.Length > 0)
                {
                    throw new InvalidOperationException(
                        $"Redefining scheme '{scheme.Id}' would drop the levels {string.Join(", ", lost)}.");
                }
            }

            var next = schemes.Values.Where(s => !string.Equals(s.Id, scheme.Id, StringComparison.OrdinalIgnoreCase))
                .Append(scheme)
                .ToFrozenDictionary(s => s.Id, StringComparer.OrdinalIgnoreCase);
            Volatile.Write(ref _schemes, next);
        }
    }

    /// <summary>
    /// Says which subject a tracked object is, when it is not the default (<see cref="SubjectRef.ForObject"/>):
    /// a truck's terminal number belongs to vehicle 鲁E12345. Replaces any earlier mapping of the object.
    /// </summary>
    public void MapObject(string objectId, SubjectRef subject)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(objectId);

        lock (_writeLock)
        {
            if (_objects.TryGetValue(objectId, out var previous))
            {
                if (previous == subject)
                {
                    return;
                }

                RemoveObjectOf(previous, objectId);
            }

            _objects[objectId] = subject;
            _objectsOf[subject] = _objectsOf.TryGetValue(subject, out var ids) ? ids.Add(objectId) : [objectId];
        }
    }

    /// <summary>Forgets an object's mapping; it is its default subject again.</summary>
    public void UnmapObject(string objectId)
    {
        lock (_writeLock)
        {
            if (_objects.TryRemove(objectId, out var previous))
            {
                RemoveObjectOf(previous, objectId);
            }
        }
    }

    /// <summary>The subject a tracked object is: its mapping, or by default the subject of the same id.</summary>
    public SubjectRef SubjectOf(string objectId, ObjectKind kind) =>
        _objects.TryGetValue(objectId, out var subject) ? subject : SubjectRef.ForObject(objectId, kind);

    /// <summary>
    /// The tracked object ids that are this subject: those mapped to it, and the subject's own id when the
    /// subject is of a tracked kind and that id is not mapped elsewhere. Whether such an object is being
    /// tracked right now is for the caller to see.
    /// </summary>
    public IReadOnlyList<string> ObjectsOf(SubjectRef subject)
    {
        var mapped = _objectsOf.TryGetValue(subject, out var ids) ? ids : [];
        var isTrackedKind = subject.Kind is SubjectKind.Bike or SubjectKind.Vehicle or SubjectKind.Vessel
            or SubjectKind.Yacht;
        if (!isTrackedKind || _objects.ContainsKey(subject.Id))
        {
            return mapped;
        }

        return mapped.Add(subject.Id);
    }

    /// <summary>
    /// Loads what storage holds. The history of every (subject, scheme) and (subject, link kind) that appears
    /// in the rows is replaced by the rows; nothing else is touched. Rows may come in any order.
    /// </summary>
    /// <exception cref="ArgumentException">A row names an unknown scheme or level, or a link its kind
    /// forbids.</exception>
    public void Load(IEnumerable<Grade> grades, IEnumerable<Link> links)
    {
        ArgumentNullException.ThrowIfNull(grades);
        ArgumentNullException.ThrowIfNull(links);

        // Check and canonicalise everything before the first write, so a bad row leaves the registry unchanged.
        var schemes = Volatile.Read(ref _schemes);
        var gradeGroups = grades.Select(grade => Canonical(grade, schemes))
            .GroupBy(grade => (grade.Subject, grade.SchemeId))
            .Select(group => (group.Key.Subject, group.Key.SchemeId, History: Timeline.FromRows(group)))
            .ToArray();
        var linkGroups = links.Select(CheckLink)
            .GroupBy(link => (link.Subject, link.Kind))
            .Select(group => (group.Key.Subject, group.Key.Kind, History: Timeline.FromRows(group)))
            .ToArray();

        lock (_writeLock)
        {
            foreach (var (subject, schemeId, history) in gradeGroups)
            {
                _subjects[subject] = Snapshot(subject).WithGrades(schemeId, history);
            }

            foreach (var (subject, kind, history) in linkGroups)
            {
                _subjects[subject] = Snapshot(subject).WithLinks(kind, history);
                foreach (var link in history)
                {
                    IndexLink(link);
                }
            }
        }
    }

    /// <summary>Every grade row held, for saving; each subject's rows are read from one snapshot.</summary>
    public IEnumerable<Grade> AllGrades() =>
        _subjects.Values.SelectMany(credit => credit.Grades).SelectMany(history => history.Grades);

    /// <summary>Every link row held, for saving.</summary>
    public IEnumerable<Link> AllLinks() =>
        _subjects.Values.SelectMany(credit => credit.Links).SelectMany(history => history.Links);

    private SubjectCredit Snapshot(SubjectRef subject) =>
        _subjects.TryGetValue(subject, out var credit) ? credit : SubjectCredit.Empty;

    private void RemoveObjectOf(SubjectRef subject, string objectId)
    {
        if (!_objectsOf.TryGetValue(subject, out var ids))
        {
            return;
        }

        var remaining = ids.Remove(objectId);
        if (remaining.IsEmpty)
        {
            _objectsOf.TryRemove(subject, out _);
        }
        else
        {
            _objectsOf[subject] = remaining;
        }
    }

    private void IndexLink(Link link) =>
        _linkedFrom.GetOrAdd((link.Target, link.Kind), static _ => new ConcurrentDictionary<SubjectRef, byte>())
            .TryAdd(link.Subject, 0);

    private static Grade Canonical(Grade grade, FrozenDictionary<string, GradeScheme> schemes)
    {
        if (!schemes.TryGetValue(grade.SchemeId, out var scheme))
        {
            throw new ArgumentException($"Grade of {grade.Subject} names unknown scheme '{grade.SchemeId}'.");
        }

        if (!scheme.TryParseLevel(grade.Level, out var level))
        {
            throw new ArgumentException($"Grade of {grade.Subject}: '{grade.Level}' is not a level of '{scheme.Id}'.");
        }

        if (grade.ValidUntil is { } until && until <= grade.ValidFrom)
        {
            throw new ArgumentException($"Grade of {grade.Subject} in '{scheme.Id}' ends before it starts.");
        }

        return grade with { SchemeId = scheme.Id, Level = level };
    }

    private static Link CheckLink(Link link)
    {
        if (!link.Kind.Allows(link.Subject.Kind, link.Target.Kind))
        {
            throw new ArgumentException(
                $"A {link.Kind.ToWire()} link cannot join {link.Subject} to {link.Target}.");
        }

        if (link.ValidUntil is { } until && until <= link.ValidFrom)
        {
            throw new ArgumentException($"Link of {link.Subject} to {link.Target} ends before it starts.");
        }

        return link;
    }
}
