using GeoCredit.Core.Tracking;

namespace GeoCredit.Simulator.Scenarios;

/// <summary>
/// The demo day: bikes around Tiananmen and Wangfujing (Beijing), hazardous-goods trucks between Dongying and
/// its port chemical park, vessels on the Yangtze at Anqing, yachts on the Huangpu by the Bund (Shanghai).
/// Route coordinates are approximate positions of those real places (city centres, the river courses), entered
/// by hand to within a few hundred metres; they are demo routes, not surveyed lines.
/// </summary>
public sealed class DemoScenario
{
    private static readonly LonLat[] DongyingToPort =
        [new(118.582, 37.448), new(118.690, 37.560), new(118.820, 37.790), new(118.960, 38.010), new(119.030, 38.060)];

    private static readonly LonLat[] YangtzeAtAnqing =
        [new(116.930, 30.470), new(117.010, 30.492), new(117.060, 30.500), new(117.120, 30.512), new(117.190, 30.540)];

    private static readonly LonLat[] HuangpuByTheBund =
        [new(121.506, 31.222), new(121.497, 31.235), new(121.494, 31.243), new(121.501, 31.252), new(121.513, 31.258)];

    private static readonly LonLat BeijingCentre = new(116.397, 39.909);

    public DemoScenario(int bikes = 200, int trucks = 20, int vessels = 15, int yachts = 10, int seed = 808)
    {
        var random = new Random(seed);
        var objects = new List<SimulatedObject>(bikes + trucks + vessels + yachts);

        for (var i = 0; i < bikes; i++)
        {
            // Most bikes stand parked; a third of them ride a short straight trip back and forth.
            var start = Geodesy.Offset(BeijingCentre, random.Next(-2500, 2500), random.Next(-2000, 2000));
            var end = Geodesy.Offset(start, random.Next(-800, 800), random.Next(-800, 800));
            var speed = random.NextDouble() < 0.33 ? 10 + random.NextDouble() * 8 : 0;
            objects.Add(new SimulatedObject($"bike-{i + 1:D4}", ObjectKind.Bike, [start, end], speed, 0));
        }

        AddFleet(objects, random, "truck", ObjectKind.Truck, trucks, DongyingToPort, 45, 75);
        AddFleet(objects, random, "vessel", ObjectKind.Vessel, vessels, YangtzeAtAnqing, 12, 22);
        AddFleet(objects, random, "yacht", ObjectKind.Yacht, yachts, HuangpuByTheBund, 8, 20);
        Objects = objects;
    }

    public IReadOnlyList<SimulatedObject> Objects { get; }

    /// <summary>Every object's fix at <paramref name="elapsed"/> after <paramref name="start"/>.</summary>
    public IEnumerable<SimulatedFix> FixesAt(DateTimeOffset start, TimeSpan elapsed) =>
        Objects.Select(o => o.At(start, elapsed));

    private static void AddFleet(List<SimulatedObject> objects, Random random, string prefix, ObjectKind kind,
        int count, LonLat[] route, double minKmh, double maxKmh)
    {
        for (var i = 0; i < count; i++)
        {
            var speed = minKmh + random.NextDouble() * (maxKmh - minKmh);
            var candidate = new SimulatedObject($"{prefix}-{i + 1:D3}", kind, route, speed, 0);
            var offset = random.NextDouble() * 2 * candidate.LengthMetres;
            objects.Add(new SimulatedObject(candidate.Id, kind, route, speed, offset));
        }
    }
}
