namespace GeoCredit.Protocols.Ais;

/// <summary>
/// Turns an unarmoured payload into an <see cref="AisMessage"/>. Bit offsets and "not available" values are
/// those of ITU-R M.1371-5, Annex 8, §3 (one subsection per message type, cited at each decoder).
/// </summary>
internal static class AisPayloadDecoder
{
    /// <summary>Positions are sent in 1/10 000 minute for most types, 1/10 minute for type 27.</summary>
    private const double TenThousandthMinutesPerDegree = 600_000;

    private const double TenthMinutesPerDegree = 600;

    public static AisRejection? TryDecode(AisBits bits, AisReception reception, out AisMessage message)
    {
        message = default;
        if (bits.Length < 6)
        {
            return AisRejections.NoMessageType(bits.Length);
        }

        var type = (int)bits.ReadUnsigned(0, 6);
        if (!AisMessageTypes.IsSupported(type))
        {
            return AisRejections.UnsupportedType(type);
        }

        // The bits up to the last field decoded, not the nominal length (168 for type 1, 424 for type 5, ...):
        // receivers pass on messages whose radio-status tail is cut, and gpsd keeps a 163-bit type 1 among its
        // samples. Type 24's length depends on its part and is checked there.
        var needed = type switch
        {
            1 or 2 or 3 => 149,
            4 => 149,
            5 => 420,
            18 => 148,
            19 => 306,
            21 => 272,
            24 => 40,
            _ => 96,
        };
        if (bits.Length < needed)
        {
            return AisRejections.PayloadTooShort(type, bits.Length, needed);
        }

        message = new AisMessage
        {
            Type = type,
            Repeat = (int)bits.ReadUnsigned(6, 2),
            Mmsi = (int)bits.ReadUnsigned(8, 30),
            Reception = reception,
        };

        switch (type)
        {
            case 1 or 2 or 3:
                message = message with { Position = ClassAPosition(bits) };
                return null;
            case 4:
                message = message with { Position = BaseStationPosition(bits), Timestamp = BaseStationTime(bits) };
                return null;
            case 5:
                message = message with { Static = StaticAndVoyage(bits) };
                return null;
            case 18:
                message = message with { Position = ClassBPosition(bits, raimBit: 147) };
                return null;
            case 19:
                message = message with
                {
                    Position = ClassBPosition(bits, raimBit: 305),
                    Static = ExtendedClassBStatic(bits),
                };
                return null;
            case 21:
                message = message with { Position = AidToNavigationPosition(bits), Static = AidToNavigation(bits) };
                return null;
            case 24:
                return StaticDataReport(bits, ref message);
            default:
                message = message with { Position = LongRangePosition(bits) };
                return null;
        }
    }

    /// <summary>Messages 1, 2 and 3 (ITU-R M.1371-5, Annex 8, §3.1): 168 bits; RAIM (bit 148) is read last.</summary>
    private static AisPositionReport ClassAPosition(AisBits bits) => new(
        Latitude: Latitude(bits.ReadSigned(89, 27), TenThousandthMinutesPerDegree),
        Longitude: Longitude(bits.ReadSigned(61, 28), TenThousandthMinutesPerDegree),
        HighAccuracy: bits.ReadFlag(60),
        Speed: TenthKnots(bits.ReadUnsigned(50, 10)),
        Course: TenthDegrees(bits.ReadUnsigned(116, 12)),
        Heading: Heading(bits.ReadUnsigned(128, 9)),
        RateOfTurn: RateOfTurn(bits.ReadSigned(42, 8)),
        NavigationStatus: (int)bits.ReadUnsigned(38, 4),
        Second: Second(bits.ReadUnsigned(137, 6)),
        Raim: bits.ReadFlag(148));

    /// <summary>Message 4 (ITU-R M.1371-5, Annex 8, §3.2): only a position, no motion.</summary>
    private static AisPositionReport BaseStationPosition(AisBits bits) => new(
        Latitude: Latitude(bits.ReadSigned(107, 27), TenThousandthMinutesPerDegree),
        Longitude: Longitude(bits.ReadSigned(79, 28), TenThousandthMinutesPerDegree),
        HighAccuracy: bits.ReadFlag(78),
        Speed: null,
        Course: null,
        Heading: null,
        RateOfTurn: null,
        NavigationStatus: null,
        Second: Second(bits.ReadUnsigned(72, 6)),
        Raim: bits.ReadFlag(148));

    /// <summary>
    /// Message 4's UTC time: year 0, month 0, day 0, hour 24, minute 60 and second 60 are "not available"
    /// (ITU-R M.1371-5, Annex 8, §3.2); the time is given only when all of it is there and it is a real date.
    /// </summary>
    private static DateTimeOffset? BaseStationTime(AisBits bits)
    {
        var year = (int)bits.ReadUnsigned(38, 14);
        var month = (int)bits.ReadUnsigned(52, 4);
        var day = (int)bits.ReadUnsigned(56, 5);
        var hour = (int)bits.ReadUnsigned(61, 5);
        var minute = (int)bits.ReadUnsigned(66, 6);
        var second = (int)bits.ReadUnsigned(72, 6);

        var valid = year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1
            && day <= DateTime.DaysInMonth(year, month) && hour < 24 && minute < 60 && second < 60;
        return valid ? new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero) : null;
    }

    /// <summary>Message 5 (ITU-R M.1371-5, Annex 8, §3.3): 424 bits; 420 are accepted, as some stations send
    /// them.</summary>
    private static AisStaticData StaticAndVoyage(AisBits bits) => new()
    {
        ImoNumber = ZeroIsAbsent(bits.ReadUnsigned(40, 30)),
        CallSign = bits.ReadText(70, 7),
        Name = bits.ReadText(112, 20),
        ShipType = ZeroIsAbsent(bits.ReadUnsigned(232, 8)),
        Dimensions = Dimensions(bits, 240),
        Eta = Eta(bits, 274),
        Draught = bits.ReadUnsigned(294, 8) is var draught and not 0 ? draught / 10.0 : null,
        Destination = bits.ReadText(302, 20),
    };

    /// <summary>Messages 18 and 19 (ITU-R M.1371-5, Annex 8, §3.18 and §3.19) share their first 143 bits.</summary>
    private static AisPositionReport ClassBPosition(AisBits bits, int raimBit) => new(
        Latitude: Latitude(bits.ReadSigned(85, 27), TenThousandthMinutesPerDegree),
        Longitude: Longitude(bits.ReadSigned(57, 28), TenThousandthMinutesPerDegree),
        HighAccuracy: bits.ReadFlag(56),
        Speed: TenthKnots(bits.ReadUnsigned(46, 10)),
        Course: TenthDegrees(bits.ReadUnsigned(112, 12)),
        Heading: Heading(bits.ReadUnsigned(124, 9)),
        RateOfTurn: null,
        NavigationStatus: null,
        Second: Second(bits.ReadUnsigned(133, 6)),
        Raim: bits.ReadFlag(raimBit));

    /// <summary>Message 19 (ITU-R M.1371-5, Annex 8, §3.19): name, ship type and dimensions follow the position.
    /// </summary>
    private static AisStaticData ExtendedClassBStatic(AisBits bits) => new()
    {
        Name = bits.ReadText(143, 20),
        ShipType = ZeroIsAbsent(bits.ReadUnsigned(263, 8)),
        Dimensions = Dimensions(bits, 271),
    };

    /// <summary>Message 21 (ITU-R M.1371-5, Annex 8, §3.21): the position of an aid to navigation.</summary>
    private static AisPositionReport AidToNavigationPosition(AisBits bits) => new(
        Latitude: Latitude(bits.ReadSigned(192, 27), TenThousandthMinutesPerDegree),
        Longitude: Longitude(bits.ReadSigned(164, 28), TenThousandthMinutesPerDegree),
        HighAccuracy: bits.ReadFlag(163),
        Speed: null,
        Course: null,
        Heading: null,
        RateOfTurn: null,
        NavigationStatus: null,
        Second: Second(bits.ReadUnsigned(253, 6)),
        Raim: bits.ReadFlag(268));

    /// <summary>
    /// Message 21's static part. A name longer than 20 characters continues in the "name extension" after bit
    /// 272: up to 14 more characters, as many whole ones as the message length holds (ITU-R M.1371-5, §3.21).
    /// </summary>
    private static AisStaticData AidToNavigation(AisBits bits)
    {
        Span<char> name = stackalloc char[34];
        var count = bits.ReadCharacters(43, 20, name);
        count += bits.ReadCharacters(272, 14, name[count..]);

        return new AisStaticData
        {
            AidType = ZeroIsAbsent(bits.ReadUnsigned(38, 5)),
            Name = AisBits.Trimmed(name[..count]),
            Dimensions = Dimensions(bits, 219),
            IsOffPosition = bits.ReadFlag(259),
            IsVirtualAid = bits.ReadFlag(269),
        };
    }

    /// <summary>
    /// Message 24 (ITU-R M.1371-5, Annex 8, §3.24). Part A carries the name; part B the ship type, the vendor id
    /// (three characters, a 4-bit model code and a 20-bit serial number), the call sign, and either the
    /// dimensions or, for an auxiliary craft (MMSI 98xxxyyyy, ITU-R M.585), its mother ship's MMSI.
    /// </summary>
    private static AisRejection? StaticDataReport(AisBits bits, ref AisMessage message)
    {
        var part = (int)bits.ReadUnsigned(38, 2);
        if (part > 1)
        {
            return AisRejections.BadPartNumber(part);
        }

        var needed = part == 0 ? 160 : 162;
        if (bits.Length < needed)
        {
            return AisRejections.PayloadTooShort(24, bits.Length, needed);
        }

        if (part == 0)
        {
            message = message with { Static = new AisStaticData { PartNumber = 0, Name = bits.ReadText(40, 20) } };
            return null;
        }

        var auxiliary = message.Mmsi / 10_000_000 == 98;
        message = message with
        {
            Static = new AisStaticData
            {
                PartNumber = 1,
                ShipType = ZeroIsAbsent(bits.ReadUnsigned(40, 8)),
                VendorId = bits.ReadText(48, 3),
                UnitModel = (int)bits.ReadUnsigned(66, 4),
                SerialNumber = (int)bits.ReadUnsigned(70, 20),
                CallSign = bits.ReadText(90, 7),
                Dimensions = auxiliary ? null : Dimensions(bits, 132),
                MothershipMmsi = auxiliary ? ZeroIsAbsent(bits.ReadUnsigned(132, 30)) : null,
            },
        };
        return null;
    }

    /// <summary>
    /// Message 27 (ITU-R M.1371-5, Annex 8, §3.27): 96 bits for satellite reception; position in 1/10 minute,
    /// speed in whole knots (63 = not available), course in whole degrees (511 = not available), no heading.
    /// </summary>
    private static AisPositionReport LongRangePosition(AisBits bits) => new(
        Latitude: Latitude(bits.ReadSigned(62, 17), TenthMinutesPerDegree),
        Longitude: Longitude(bits.ReadSigned(44, 18), TenthMinutesPerDegree),
        HighAccuracy: bits.ReadFlag(38),
        Speed: bits.ReadUnsigned(79, 6) is var speed and not 63 ? speed : null,
        Course: bits.ReadUnsigned(85, 9) is var course and < 360 ? course : null,
        Heading: null,
        RateOfTurn: null,
        NavigationStatus: (int)bits.ReadUnsigned(40, 4),
        Second: null,
        Raim: bits.ReadFlag(39));

    /// <summary>91° is "not available"; anything else beyond ±90° cannot be a position either.</summary>
    private static double? Latitude(int raw, double unitsPerDegree) =>
        Math.Abs(raw) <= 90 * unitsPerDegree ? raw / unitsPerDegree : null;

    /// <summary>181° is "not available"; anything else beyond ±180° cannot be a position either.</summary>
    private static double? Longitude(int raw, double unitsPerDegree) =>
        Math.Abs(raw) <= 180 * unitsPerDegree ? raw / unitsPerDegree : null;

    /// <summary>Speed in 1/10 knot; 1023 is "not available", 1022 is "102.2 knots or more" and kept as 102.2.</summary>
    private static double? TenthKnots(uint raw) => raw == 1023 ? null : raw / 10.0;

    /// <summary>Course in 1/10 degree; 3600 is "not available" and 3601 to 4095 are not used.</summary>
    private static double? TenthDegrees(uint raw) => raw < 3600 ? raw / 10.0 : null;

    /// <summary>Heading in degrees; 511 is "not available" and 360 to 510 are not used.</summary>
    private static int? Heading(uint raw) => raw < 360 ? (int)raw : null;

    /// <summary>ROT_AIS -128 is "no turn information available"; see <see cref="AisRateOfTurn"/>.</summary>
    private static AisRateOfTurn? RateOfTurn(int raw) => raw == -128 ? null : new AisRateOfTurn((sbyte)raw);

    /// <summary>The UTC second; 60 is "not available", 61 to 63 say the positioning system is not working.</summary>
    private static int? Second(uint raw) => raw < 60 ? (int)raw : null;

    private static int? ZeroIsAbsent(uint raw) => raw == 0 ? null : (int)raw;

    /// <summary>
    /// Bow (9 bits), stern (9), port (6) and starboard (6) from the reference point. All four zero is the
    /// default "not available"; a single zero is legitimate (reference point on the bow or a side).
    /// </summary>
    private static AisDimensions? Dimensions(AisBits bits, int start)
    {
        var dimensions = new AisDimensions(
            ToBow: (int)bits.ReadUnsigned(start, 9),
            ToStern: (int)bits.ReadUnsigned(start + 9, 9),
            ToPort: (int)bits.ReadUnsigned(start + 18, 6),
            ToStarboard: (int)bits.ReadUnsigned(start + 24, 6));
        return dimensions == default ? null : dimensions;
    }

    /// <summary>ETA month (4 bits, 0 = n/a), day (5, 0 = n/a), hour (5, 24 = n/a), minute (6, 60 = n/a).</summary>
    private static AisEta? Eta(AisBits bits, int start)
    {
        var month = (int)bits.ReadUnsigned(start, 4);
        var day = (int)bits.ReadUnsigned(start + 4, 5);
        var hour = (int)bits.ReadUnsigned(start + 9, 5);
        var minute = (int)bits.ReadUnsigned(start + 14, 6);

        var eta = new AisEta(
            Month: month is >= 1 and <= 12 ? month : null,
            Day: day >= 1 ? day : null,
            Hour: hour < 24 ? hour : null,
            Minute: minute < 60 ? minute : null);
        return eta == default ? null : eta;
    }
}
