using GeoCredit.Core.Tracking;

namespace GeoCredit.Core.Credit;

/// <summary>
/// What a graded subject is. Tracked objects are subjects too, and so are the people and companies behind them.
/// </summary>
public enum SubjectKind
{
    Vehicle,
    Driver,
    Vessel,
    Yacht,
    Company,
    Club,
    Crew,
    Terminal,

    /// <summary>A shared-bike operator company.</summary>
    Operator,
    Bike,
}

/// <summary>
/// Parsing and printing of <see cref="SubjectKind"/> in the lower-case form used on the wire and in imports.
/// </summary>
public static class SubjectKinds
{
    public static IReadOnlyList<SubjectKind> All { get; } = Enum.GetValues<SubjectKind>();

    public static string ToWire(this SubjectKind kind) => kind switch
    {
        SubjectKind.Vehicle => "vehicle",
        SubjectKind.Driver => "driver",
        SubjectKind.Vessel => "vessel",
        SubjectKind.Yacht => "yacht",
        SubjectKind.Company => "company",
        SubjectKind.Club => "club",
        SubjectKind.Crew => "crew",
        SubjectKind.Terminal => "terminal",
        SubjectKind.Operator => "operator",
        SubjectKind.Bike => "bike",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown subject kind."),
    };

    public static SubjectKind Parse(string text) =>
        TryParse(text, out var kind) ? kind : throw new FormatException($"'{text}' is not a subject kind.");

    public static bool TryParse(ReadOnlySpan<char> text, out SubjectKind kind)
    {
        var trimmed = text.Trim();
        foreach (var candidate in All)
        {
            if (trimmed.Equals(candidate.ToWire(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>The subject a tracked object of a kind is, when nothing else is said: a truck is a vehicle.</summary>
    public static SubjectKind ForObject(ObjectKind kind) => kind switch
    {
        ObjectKind.Bike => SubjectKind.Bike,
        ObjectKind.Truck => SubjectKind.Vehicle,
        ObjectKind.Vessel => SubjectKind.Vessel,
        ObjectKind.Yacht => SubjectKind.Yacht,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown object kind."),
    };
}

/// <summary>
/// A graded subject: a vehicle by its plate, a vessel by its MMSI or registration, a driver by licence number,
/// a company by its credit code. Ids are compared ordinally, exactly as the credit platform sends them.
/// </summary>
public readonly record struct SubjectRef
{
    public const int MaxIdLength = 64;

    /// <exception cref="ArgumentException">The id is empty or longer than <see cref="MaxIdLength"/>.</exception>
    public SubjectRef(SubjectKind kind, string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (id.Length > MaxIdLength)
        {
            throw new ArgumentException($"A subject id has at most {MaxIdLength} characters.", nameof(id));
        }

        Kind = kind;
        Id = id;
    }

    public SubjectKind Kind { get; }

    public string Id { get; }

    /// <summary>
    /// The subject a tracked object is when no other mapping is known: truck <c>x</c> is vehicle <c>x</c>.
    /// </summary>
    public static SubjectRef ForObject(string objectId, ObjectKind kind) => new(SubjectKinds.ForObject(kind), objectId);

    public override string ToString() => $"{Kind.ToWire()}:{Id}";
}
