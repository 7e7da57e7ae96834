using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace GeoCredit.Protocols.Mds;

/// <summary>The MDS 2.0 vehicle event types (modes/event_types.md), every mode's superset.</summary>
public enum MdsEventType
{
    AgencyDropOff,
    AgencyPickUp,
    BatteryCharged,
    BatteryLow,
    CommsLost,
    CommsRestored,
    CompliancePickUp,
    Decommissioned,
    Located,
    Maintenance,
    MaintenancePickUp,
    Missing,
    OffHours,
    OnHours,
    ProviderDropOff,
    RebalancePickUp,
    ReservationCancel,
    ReservationStart,
    SystemResume,
    SystemSuspend,
    TripCancel,
    TripEnd,
    TripEnterJurisdiction,
    TripLeaveJurisdiction,
    TripStart,
    Unspecified,
}

/// <summary>Parsing and printing of <see cref="MdsEventType"/> in the snake_case form used on the wire.</summary>
public static class MdsEventTypes
{
    public static IReadOnlyList<MdsEventType> All { get; } = Enum.GetValues<MdsEventType>();

    private static readonly FrozenDictionary<string, MdsEventType> ByWire =
        All.ToFrozenDictionary(type => type.ToWire(), StringComparer.Ordinal);

    public static string ToWire(this MdsEventType type) => type switch
    {
        MdsEventType.AgencyDropOff => "agency_drop_off",
        MdsEventType.AgencyPickUp => "agency_pick_up",
        MdsEventType.BatteryCharged => "battery_charged",
        MdsEventType.BatteryLow => "battery_low",
        MdsEventType.CommsLost => "comms_lost",
        MdsEventType.CommsRestored => "comms_restored",
        MdsEventType.CompliancePickUp => "compliance_pick_up",
        MdsEventType.Decommissioned => "decommissioned",
        MdsEventType.Located => "located",
        MdsEventType.Maintenance => "maintenance",
        MdsEventType.MaintenancePickUp => "maintenance_pick_up",
        MdsEventType.Missing => "missing",
        MdsEventType.OffHours => "off_hours",
        MdsEventType.OnHours => "on_hours",
        MdsEventType.ProviderDropOff => "provider_drop_off",
        MdsEventType.RebalancePickUp => "rebalance_pick_up",
        MdsEventType.ReservationCancel => "reservation_cancel",
        MdsEventType.ReservationStart => "reservation_start",
        MdsEventType.SystemResume => "system_resume",
        MdsEventType.SystemSuspend => "system_suspend",
        MdsEventType.TripCancel => "trip_cancel",
        MdsEventType.TripEnd => "trip_end",
        MdsEventType.TripEnterJurisdiction => "trip_enter_jurisdiction",
        MdsEventType.TripLeaveJurisdiction => "trip_leave_jurisdiction",
        MdsEventType.TripStart => "trip_start",
        MdsEventType.Unspecified => "unspecified",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown event type."),
    };

    /// <summary>Exact, case-sensitive match: MDS enumerations are lower-case snake_case.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out MdsEventType type)
    {
        if (text is not null && ByWire.TryGetValue(text, out type))
        {
            return true;
        }

        type = default;
        return false;
    }
}
