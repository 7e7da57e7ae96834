using GeoCredit.Core.Ingest;
using GeoCredit.Core.Tracking;

namespace GeoCredit.Protocols.Ais;

/// <summary>Hands a decoded AIS position to the validator that every ingest path shares.</summary>
public static class AisPositionValidation
{
    /// <summary>
    /// The position accuracy flag promises "better than 10 m" when set (ITU-R M.1371-5, Annex 8, §3.1); when it
    /// is clear nothing better than "worse than 10 m" is known, so no accuracy is given.
    /// </summary>
    private const double HighAccuracyMetres = 10;

    /// <summary>
    /// Validates the fix a message carries, with the MMSI (nine digits) as the object id and the fix time from
    /// <see cref="AisMessage.FixTime"/>.
    /// </summary>
    /// <returns>The validation, or null when the message carries no latitude and longitude.</returns>
    public static PositionValidation? ValidateAis(
        this PositionValidator validator,
        in AisMessage message,
        DateTimeOffset receivedAt,
        ObjectKind kind = ObjectKind.Vessel)
    {
        ArgumentNullException.ThrowIfNull(validator);

        if (message.Position is not { HasFix: true } position)
        {
            return null;
        }

        return validator.Validate(
            message.MmsiText,
            kind,
            message.FixTime(receivedAt),
            position.Longitude!.Value,
            position.Latitude!.Value,
            position.SpeedKmh,
            position.Course,
            position.Heading,
            position.HighAccuracy ? HighAccuracyMetres : null,
            PositionSource.Ais);
    }
}
