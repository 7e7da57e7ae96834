using GeoCredit.Core.Ingest;

namespace GeoCredit.Core.Credit;

public sealed partial class CreditRegistry
{
    // An array, not LinkKinds.All: a foreach over an interface would allocate on every position.
    private static readonly LinkKind[] BackwardKinds = [.. LinkKinds.All.Where(kind => !kind.GradeFlowsToSubject())];

    /// <summary>
    /// Links a subject to a target from a time on, ending the link of the same kind it replaces: the next
    /// shift's driver, a vessel's new company. History is kept as for grades.
    /// </summary>
    /// <returns>The change, or null when the subject was already linked to that target then.</returns>
    /// <exception cref="ArgumentException">The link kind does not join these kinds of subject.</exception>
    public LinkChange? Link(SubjectRef subject, LinkKind kind, SubjectRef target, DateTimeOffset at, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!kind.Allows(subject.Kind, target.Kind))
        {
            throw new ArgumentException($"A {kind.ToWire()} link cannot join {subject} to {target}.", nameof(kind));
        }

        var time = PositionValidator.ToStoredPrecision(at);
        var link = new Link(subject, kind, target, time, null, source);

        lock (_writeLock)
        {
            var credit = Snapshot(subject);
            var history = credit.LinksOf(kind);
            var holding = Timeline.IndexAt(history, time);
            SubjectRef? oldTarget = holding >= 0 ? history[holding].Target : null;
            if (oldTarget == target)
            {
                return null;
            }

            // Index the target first: a reader that finds the new link must also be able to find it backwards.
            IndexLink(link);
            _subjects[subject] = credit.WithLinks(kind, Timeline.Insert(history, link));
            return new LinkChange(subject, kind, oldTarget, target, time, source);
        }
    }

    /// <summary>Ends a subject's link of a kind at a time: the driver's shift is over.</summary>
    /// <returns>The change, or null when no link of that kind held then.</returns>
    public LinkChange? Unlink(SubjectRef subject, LinkKind kind, DateTimeOffset at, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var time = PositionValidator.ToStoredPrecision(at);

        lock (_writeLock)
        {
            var credit = Snapshot(subject);
            var history = credit.LinksOf(kind);
            var holding = Timeline.IndexAt(history, time);
            if (holding < 0)
            {
                return null;
            }

            var oldTarget = history[holding].Target;
            _subjects[subject] = credit.WithLinks(kind, Timeline.EndAt(history, holding, time));
            return new LinkChange(subject, kind, oldTarget, null, time, source);
        }
    }

    /// <summary>The target a subject was linked to by a kind at a moment (the driver then). Lock-free.</summary>
    public SubjectRef? LinkedAt(SubjectRef subject, LinkKind kind, DateTimeOffset time) =>
        _subjects.TryGetValue(subject, out var credit) ? TargetAt(credit, kind, time) : null;

    /// <summary>A subject's link history of one kind, oldest first.</summary>
    public IReadOnlyList<Link> LinkHistory(SubjectRef subject, LinkKind kind) =>
        _subjects.TryGetValue(subject, out var credit) ? credit.LinksOf(kind) : [];

    /// <summary>
    /// The links that pointed at a target at a moment: the vessels of a company, the yachts of a club.
    /// </summary>
    public IReadOnlyList<Link> LinkedTo(SubjectRef target, DateTimeOffset time)
    {
        var links = new List<Link>();
        foreach (var kind in LinkKinds.All)
        {
            AddLinksTo(links, target, kind, time);
        }

        return links;
    }

    /// <summary>The links of one kind that pointed at a target at a moment.</summary>
    public IReadOnlyList<Link> LinkedTo(SubjectRef target, LinkKind kind, DateTimeOffset time)
    {
        var links = new List<Link>();
        AddLinksTo(links, target, kind, time);
        return links;
    }

    /// <summary>
    /// The subjects whose effective grades include this subject's at a moment: the subject itself, the
    /// vehicles a driver drives, the vessels of a company, the bikes of an operator, the vessel a crew member
    /// serves on. After a <see cref="GradeChange"/>, the server re-evaluates the objects of each.
    /// </summary>
    public IReadOnlyList<SubjectRef> SubjectsAffectedBy(SubjectRef subject, DateTimeOffset time)
    {
        var affected = new List<SubjectRef> { subject };
        foreach (var kind in LinkKinds.All)
        {
            if (kind.GradeFlowsToSubject())
            {
                foreach (var link in LinkedTo(subject, kind, time))
                {
                    affected.Add(link.Subject);
                }
            }
            else if (LinkedAt(subject, kind, time) is { } target)
            {
                affected.Add(target);
            }
        }

        return affected;
    }

    /// <summary>
    /// Every grade that counts for a subject at a moment: its own, its driver's, company's, club's or
    /// operator's, and for a vessel its crew's. Links are followed one step (a driver's company does not count
    /// for the vehicle). Lock-free.
    /// </summary>
    public EffectiveGrades EffectiveGrades(SubjectRef subject, DateTimeOffset time)
    {
        var state = (Found: new List<EffectiveGrade>(), Schemes: Volatile.Read(ref _schemes), Time: time);
        ForEachContributor(subject, time, ref state, static (ref state, credit, via) =>
        {
            foreach (var history in credit.Grades)
            {
                var index = Timeline.IndexAt(history.Grades, state.Time);
                if (index >= 0 && state.Schemes.TryGetValue(history.SchemeId, out var scheme))
                {
                    state.Found.Add(new EffectiveGrade(history.Grades[index], scheme, via));
                }
            }
        });

        return state.Found.Count == 0 ? Credit.EffectiveGrades.None : new EffectiveGrades([.. state.Found]);
    }

    /// <summary>
    /// The worst grade in one scheme among a subject and everything linked to it at a moment: the check a rule
    /// makes for every position, without building the whole list. The subject's own grade wins a tie. Lock-free;
    /// allocates nothing unless the subject has crew.
    /// </summary>
    /// <returns>The worst grade, or null when none is held or the scheme is unknown.</returns>
    public EffectiveGrade? WorstEffectiveGrade(SubjectRef subject, string schemeId, DateTimeOffset time)
    {
        if (!TryGetScheme(schemeId, out var scheme))
        {
            return null;
        }

        var state = (Worst: (EffectiveGrade?)null, Scheme: scheme, Time: time);
        ForEachContributor(subject, time, ref state, static (ref state, credit, via) =>
        {
            var history = credit.GradesIn(state.Scheme.Id);
            var index = Timeline.IndexAt(history, state.Time);
            if (index < 0)
            {
                return;
            }

            var candidate = new EffectiveGrade(history[index], state.Scheme, via);
            if (state.Worst is not { } current || candidate.Rank > current.Rank)
            {
                state.Worst = candidate;
            }
        });

        return state.Worst;
    }

    private delegate void ContributorAction<TState>(ref TState state, SubjectCredit credit, LinkKind? via);

    /// <summary>Visits the subject and each subject whose grades count for it at a time, the subject first.</summary>
    private void ForEachContributor<TState>(
        SubjectRef subject,
        DateTimeOffset time,
        ref TState state,
        ContributorAction<TState> action)
    {
        if (!_subjects.TryGetValue(subject, out var credit))
        {
            credit = SubjectCredit.Empty;
        }

        action(ref state, credit, null);

        foreach (var history in credit.Links)
        {
            if (!history.Kind.GradeFlowsToSubject())
            {
                continue;
            }

            var index = Timeline.IndexAt(history.Links, time);
            if (index >= 0 && _subjects.TryGetValue(history.Links[index].Target, out var linked))
            {
                action(ref state, linked, history.Kind);
            }
        }

        // Grades that flow backwards along a link (a crew member's to their vessel) are found through the index.
        foreach (var kind in BackwardKinds)
        {
            if (!_linkedFrom.TryGetValue((subject, kind), out var sources))
            {
                continue;
            }

            // Enumerating the pairs, unlike reading Keys, takes none of the dictionary's locks.
            foreach (var (source, _) in sources)
            {
                if (_subjects.TryGetValue(source, out var linked) && TargetAt(linked, kind, time) == subject)
                {
                    action(ref state, linked, kind);
                }
            }
        }
    }

    private void AddLinksTo(List<Link> links, SubjectRef target, LinkKind kind, DateTimeOffset time)
    {
        if (!_linkedFrom.TryGetValue((target, kind), out var sources))
        {
            return;
        }

        foreach (var (source, _) in sources)
        {
            if (!_subjects.TryGetValue(source, out var credit))
            {
                continue;
            }

            var history = credit.LinksOf(kind);
            var index = Timeline.IndexAt(history, time);
            if (index >= 0 && history[index].Target == target)
            {
                links.Add(history[index]);
            }
        }
    }

    private static SubjectRef? TargetAt(SubjectCredit credit, LinkKind kind, DateTimeOffset time)
    {
        var history = credit.LinksOf(kind);
        var index = Timeline.IndexAt(history, time);
        return index >= 0 ? history[index].Target : null;
    }
}
