using System.Diagnostics.CodeAnalysis;

namespace GeoCredit.Protocols.Mds;

/// <summary>The MDS 2.0 vehicle states (modes/vehicle_states.md), every mode's superset.</summary>
public enum MdsVehicleState
{
    Removed,
    Available,
    NonOperational,
    Reserved,
    OnTrip,
    Stopped,
    Elsewhere,
    Unknown,
}

/// <summary>Parsing and printing of <see cref="MdsVehicleState"/> in the snake_case form used on the wire.</summary>
public static class MdsVehicleStates
{
    public static IReadOnlyList<MdsVehicleState> All { get; } = Enum.GetValues<MdsVehicleState>();

    public static string ToWire(this MdsVehicleState state) => state switch
    {
        MdsVehicleState.Removed => "removed",
        MdsVehicleState.Available => "available",
        MdsVehicleState.NonOperational => "non_operational",
        MdsVehicleState.Reserved => "reserved",
        MdsVehicleState.OnTrip => "on_trip",
        MdsVehicleState.Stopped => "stopped",
        MdsVehicleState.Elsewhere => "elsewhere",
        MdsVehicleState.Unknown => "unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown vehicle state."),
    };

    /// <summary>Exact, case-sensitive match: MDS enumerations are lower-case snake_case.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out MdsVehicleState state)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(text, candidate.ToWire(), StringComparison.Ordinal))
            {
                state = candidate;
                return true;
            }
        }

        state = default;
        return false;
    }
}
