using System.Collections.Immutable;

namespace GeoCredit.Core.Credit;

/// <summary>Something that holds from a time until a later time (exclusive), or until further notice.</summary>
internal interface ITimed<T>
    where T : ITimed<T>
{
    DateTimeOffset ValidFrom { get; }

    DateTimeOffset? ValidUntil { get; }

    T EndingAt(DateTimeOffset? until);
}

/// <summary>
/// The history of one grade or one link of one subject: entries ordered by start, never overlapping, with gaps
/// where nothing held. Every operation returns a new array and leaves its input untouched, which is what lets
/// readers use a history without a lock while a writer builds the next one.
/// </summary>
internal static class Timeline
{
    public static bool Covers<T>(T item, DateTimeOffset time)
        where T : ITimed<T> =>
        item.ValidFrom <= time && (item.ValidUntil is not { } until || time < until);

    /// <summary>The index of the entry that held at a time, or -1.</summary>
    public static int IndexAt<T>(ImmutableArray<T> items, DateTimeOffset time)
        where T : ITimed<T>
    {
        // Most questions are about now, and now is at the end: search backwards.
        for (var i = items.Length - 1; i >= 0; i--)
        {
            if (items[i].ValidFrom <= time)
            {
                return Covers(items[i], time) ? i : -1;
            }
        }

        return -1;
    }

    /// <summary>
    /// Adds an entry from its start until the next later entry starts (or until further notice), ending the
    /// entry it interrupts. An entry with the same start as an existing one corrects it and keeps its end.
    /// A late (back-dated) entry therefore fills history without overriding anything that came after it.
    /// </summary>
    public static ImmutableArray<T> Insert<T>(ImmutableArray<T> items, T item)
        where T : ITimed<T>
    {
        var builder = ImmutableArray.CreateBuilder<T>(items.Length + 1);
        var index = 0;
        while (index < items.Length && items[index].ValidFrom < item.ValidFrom)
        {
            builder.Add(items[index]);
            index++;
        }

        if (builder.Count > 0 && EndsAfter(builder[^1], item.ValidFrom))
        {
            builder[^1] = builder[^1].EndingAt(item.ValidFrom);
        }

        DateTimeOffset? until = null;
        if (index < items.Length && items[index].ValidFrom == item.ValidFrom)
        {
            until = items[index].ValidUntil;
            index++;
        }
        else if (index < items.Length)
        {
            until = items[index].ValidFrom;
        }

        builder.Add(item.EndingAt(until));
        for (; index < items.Length; index++)
        {
            builder.Add(items[index]);
        }

        // A correction replaces an entry, so the builder may be one short of its capacity.
        return builder.DrainToImmutable();
    }

    /// <summary>Ends the entry at an index at a time; an entry ended at its own start is removed.</summary>
    public static ImmutableArray<T> EndAt<T>(ImmutableArray<T> items, int index, DateTimeOffset at)
        where T : ITimed<T> =>
        items[index].ValidFrom >= at ? items.RemoveAt(index) : items.SetItem(index, items[index].EndingAt(at));

    /// <summary>
    /// Builds a history from stored rows in any order: a row that starts where another starts replaces it (the
    /// later one given wins), and a row that runs past the start of the next is cut there.
    /// </summary>
    public static ImmutableArray<T> FromRows<T>(IEnumerable<T> rows)
        where T : ITimed<T>
    {
        var ordered = rows
            .Select((row, position) => (Row: row, Position: position))
            .GroupBy(pair => pair.Row.ValidFrom)
            .Select(group => group.MaxBy(pair => pair.Position).Row)
            .OrderBy(row => row.ValidFrom)
            .ToArray();

        var builder = ImmutableArray.CreateBuilder<T>(ordered.Length);
        for (var i = 0; i < ordered.Length; i++)
        {
            var row = ordered[i];
            if (i + 1 < ordered.Length && EndsAfter(row, ordered[i + 1].ValidFrom))
            {
                row = row.EndingAt(ordered[i + 1].ValidFrom);
            }

            builder.Add(row);
        }

        return builder.MoveToImmutable();
    }

    private static bool EndsAfter<T>(T item, DateTimeOffset time)
        where T : ITimed<T> =>
        item.ValidUntil is not { } until || until > time;
}
