using System.Collections.Immutable;

namespace GeoCredit.Core.Credit;

/// <summary>
/// Everything the registry knows of one subject: the grade history per scheme and the link history per kind.
/// Immutable: a writer builds a new one and swaps it in whole, so readers never lock and never see half a write.
/// </summary>
/// <remarks>
/// A subject has a handful of schemes and links, so small arrays searched in order beat dictionaries here,
/// both in memory (hundreds of thousands of bikes) and in time.
/// </remarks>
internal sealed class SubjectCredit(
    ImmutableArray<SchemeHistory> grades,
    ImmutableArray<LinkHistory> links)
{
    public static SubjectCredit Empty { get; } = new([], []);

    public ImmutableArray<SchemeHistory> Grades => grades;

    public ImmutableArray<LinkHistory> Links => links;

    public ImmutableArray<Grade> GradesIn(string schemeId)
    {
        foreach (var history in grades)
        {
            if (string.Equals(history.SchemeId, schemeId, StringComparison.OrdinalIgnoreCase))
            {
                return history.Grades;
            }
        }

        return [];
    }

    public ImmutableArray<Link> LinksOf(LinkKind kind)
    {
        foreach (var history in links)
        {
            if (history.Kind == kind)
            {
                return history.Links;
            }
        }

        return [];
    }

    public SubjectCredit WithGrades(string schemeId, ImmutableArray<Grade> history)
    {
        for (var i = 0; i < grades.Length; i++)
        {
            if (string.Equals(grades[i].SchemeId, schemeId, StringComparison.OrdinalIgnoreCase))
            {
                return new SubjectCredit(
                    history.IsEmpty ? grades.RemoveAt(i) : grades.SetItem(i, new SchemeHistory(schemeId, history)),
                    links);
            }
        }

        return history.IsEmpty ? this : new SubjectCredit(grades.Add(new SchemeHistory(schemeId, history)), links);
    }

    public SubjectCredit WithLinks(LinkKind kind, ImmutableArray<Link> history)
    {
        for (var i = 0; i < links.Length; i++)
        {
            if (links[i].Kind == kind)
            {
                return new SubjectCredit(
                    grades,
                    history.IsEmpty ? links.RemoveAt(i) : links.SetItem(i, new LinkHistory(kind, history)));
            }
        }

        return history.IsEmpty ? this : new SubjectCredit(grades, links.Add(new LinkHistory(kind, history)));
    }
}

internal readonly record struct SchemeHistory(string SchemeId, ImmutableArray<Grade> Grades);

internal readonly record struct LinkHistory(LinkKind Kind, ImmutableArray<Link> Links);
