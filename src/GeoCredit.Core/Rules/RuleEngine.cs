using GeoCredit.Core.Credit;
using GeoCredit.Core.Geofencing;
using GeoCredit.Core.Tracking;

namespace GeoCredit.Core.Rules;

/// <summary>A rule that applies to an object in a zone at a moment, with the grade that made it apply.</summary>
public sealed record RuleHit(Rule Rule, Zone Zone, PositionReport Position, EffectiveGrade? Grade, DateTimeOffset At);

/// <summary>
/// Judges an object in a zone against the rules, with the credit grades that hold at that moment. Pure and
/// thread-safe: the rules are immutable and the registry is safe for concurrent readers.
/// </summary>
public sealed class RuleEngine(IReadOnlyList<Rule> rules, CreditRegistry credit)
{
    /// <summary>China Standard Time: zone time windows (peak hours) are local to the cases.</summary>
    public static readonly TimeSpan LocalOffset = TimeSpan.FromHours(8);

    private readonly HashSet<ObjectKind> _windowedKinds =
        rules.Where(r => r.Trigger == RuleTrigger.InsideDuringWindows).SelectMany(r => r.ObjectKinds).ToHashSet();

    public IReadOnlyList<Rule> Rules => rules;

    /// <summary>The object kinds some time-window rule is about: only these need the periodic window check.</summary>
    public IReadOnlySet<ObjectKind> WindowedKinds => _windowedKinds;

    /// <summary>The rules that apply to the object of <paramref name="position"/> being in <paramref name="zone"/>
    /// at <paramref name="at"/>.</summary>
    /// <param name="zone">The zone the object is in.</param>
    /// <param name="position">The object's fix.</param>
    /// <param name="at">The moment judged: the grades and time windows that hold then.</param>
    /// <param name="only">Judge only the rules of this trigger (the periodic check of time windows).</param>
    public IReadOnlyList<RuleHit> Judge(Zone zone, PositionReport position, DateTimeOffset at, RuleTrigger? only = null)
    {
        List<RuleHit>? hits = null;
        foreach (var rule in rules)
        {
            if (!rule.ZoneKinds.Contains(zone.Kind) || !rule.ObjectKinds.Contains(position.Kind) ||
                (only is { } trigger && rule.Trigger != trigger))
            {
                continue;
            }

            if (rule.Trigger == RuleTrigger.InsideDuringWindows &&
                !(zone.Attributes.TimeWindows.Count > 0
                    && zone.Attributes.AppliesAt(at.ToOffset(LocalOffset).DateTime)))
            {
                continue;
            }

            EffectiveGrade? grade;
            var subject = credit.SubjectOf(position.ObjectId, position.Kind);
            if (rule.Grade is { } condition)
            {
                grade = Matching(condition, subject, at);
                if (grade is null)
                {
                    continue;
                }
            }
            else
            {
                // A rule about no grade still carries the object's own, so that what follows shows it (a vessel's
                // code in a lock-arrival event, for the queue).
                grade = null;
                foreach (var own in credit.EffectiveGrades(subject, at).All)
                {
                    if (own.Via is null)
                    {
                        grade = own;
                        break;
                    }
                }
            }

            (hits ??= []).Add(new RuleHit(rule, zone, position, grade, at));
        }

        return hits ?? (IReadOnlyList<RuleHit>)[];
    }

    private EffectiveGrade? Matching(GradeCondition condition, SubjectRef subject, DateTimeOffset at)
    {
        var grades = credit.EffectiveGrades(subject, at);
        foreach (var grade in grades.All)
        {
            if (grade.Scheme.Id == condition.SchemeId && condition.Levels.Contains(grade.Level) &&
                (condition.IncludeLinked || grade.Via is null))
            {
                return grade;
            }
        }

        return null;
    }
}
