namespace GeoCredit.Core.Tracking;

/// <summary>What a tracked object is; rules and retention are chosen by kind.</summary>
/// <remarks>The numbers are stored (the positions hypertable is partitioned by them): never renumber.</remarks>
public enum ObjectKind : short
{
    Bike = 0,
    Truck = 1,
    Vessel = 2,
    Yacht = 3,
}

/// <summary>Parsing and printing of <see cref="ObjectKind"/> in the lower-case form used on the wire.</summary>
public static class ObjectKinds
{
    public static IReadOnlyList<ObjectKind> All { get; } = Enum.GetValues<ObjectKind>();

    public static string ToWire(this ObjectKind kind) => kind switch
    {
        ObjectKind.Bike => "bike",
        ObjectKind.Truck => "truck",
        ObjectKind.Vessel => "vessel",
        ObjectKind.Yacht => "yacht",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown object kind."),
    };

    public static ObjectKind Parse(string text) =>
        TryParse(text, out var kind) ? kind : throw new FormatException($"'{text}' is not an object kind.");

    public static bool TryParse(ReadOnlySpan<char> text, out ObjectKind kind)
    {
        foreach (var candidate in All)
        {
            if (text.Equals(candidate.ToWire(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
