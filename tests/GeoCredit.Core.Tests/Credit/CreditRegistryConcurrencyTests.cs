using GeoCredit.Core.Credit;
using Microsoft.Extensions.Time.Testing;

namespace GeoCredit.Core.Tests.Credit;

public sealed class CreditRegistryConcurrencyTests
{
    private const int Writes = 500;
    private const int Readers = 2;
    private const int MinReadsPerReader = 1_000;

    private static readonly DateTimeOffset Start = new(2025, 5, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly SubjectRef Truck = new(SubjectKind.Vehicle, "鲁E12345");
    private static readonly SubjectRef[] Drivers =
        [new(SubjectKind.Driver, "driver-1"), new(SubjectKind.Driver, "driver-2")];

    [Fact]
    public async Task Readers_in_parallel_with_a_writer_always_see_a_consistent_grade()
    {
        // The clock stands after every write, so the current grade is always the newest one written.
        var now = Start.AddMinutes(Writes + 1);
        var registry = new CreditRegistry(new FakeTimeProvider(now));
        registry.SetGrade(Truck, "hazmat", "green", Start, "seed", "");
        registry.SetGrade(Drivers[0], "hazmat", "red", Start, "seed", "");
        registry.SetGrade(Drivers[1], "hazmat", "yellow", Start, "seed", "");
        using var started = new CountdownEvent(Readers);
        var writing = true;

        var readers = Enumerable.Range(0, Readers)
            .Select(seed => Task.Run(() => Read(registry, now, seed, started, () => Volatile.Read(ref writing))))
            .ToArray();
        started.Wait();
        var levels = GradeScheme.Hazmat.Levels;
        for (var i = 1; i <= Writes; i++)
        {
            var at = Start.AddMinutes(i);
            registry.SetGrade(Truck, "hazmat", levels[i % levels.Count], at, "writer", $"write {i}");
            if (i % 7 == 0)
            {
                registry.Link(Truck, LinkKind.Driver, Drivers[i % 2], at, "writer");
            }
        }

        Volatile.Write(ref writing, false);
        var reads = await Task.WhenAll(readers);

        Assert.All(reads, count => Assert.True(count >= MinReadsPerReader));
        Assert.Equal(levels[Writes % levels.Count], registry.Current(Truck, "hazmat")?.Level);
    }

    private static int Read(
        CreditRegistry registry,
        DateTimeOffset now,
        int seed,
        CountdownEvent started,
        Func<bool> writing)
    {
        var random = new Random(seed);
        var reads = 0;
        started.Signal();
        while (writing() || reads < MinReadsPerReader)
        {
            var current = registry.Current(Truck, "hazmat");
            Assert.NotNull(current);
            Assert.True(GradeScheme.Hazmat.Contains(current.Level));
            Assert.Null(current.ValidUntil);
            Assert.True(current.ValidFrom <= now);

            var time = Start.AddMinutes(random.NextDouble() * Writes);
            var then = registry.GradeAt(Truck, "hazmat", time);
            Assert.NotNull(then);
            Assert.True(then.Covers(time));

            // The whole history is long; checking it on every eighth read is enough to catch a torn one.
            if (reads % 8 == 0)
            {
                Assert.True(IsConsistent(registry.History(Truck, "hazmat")));
            }

            var effective = registry.EffectiveGrades(Truck, time);
            Assert.All(effective.All, grade => Assert.True(grade.Rank >= 0));
            Assert.Contains(effective.All, grade => grade.Holder == Truck);
            Assert.NotNull(registry.WorstEffectiveGrade(Truck, "hazmat", now));

            reads++;
        }

        return reads;
    }

    /// <summary>
    /// A history read while it is being written is still whole: ordered, each grade ending where the next
    /// starts, the last one open.
    /// </summary>
    private static bool IsConsistent(IReadOnlyList<Grade> history)
    {
        for (var i = 0; i + 1 < history.Count; i++)
        {
            if (history[i].ValidFrom >= history[i + 1].ValidFrom || history[i].ValidUntil != history[i + 1].ValidFrom)
            {
                return false;
            }
        }

        return history.Count > 0 && history[^1].ValidUntil is null;
    }
}
