namespace GeoCredit.Protocols.Jt808;

/// <summary>The JT/T 808 message ids this platform decodes or writes (JT/T 808-2019, appendix B).</summary>
public static class Jt808MessageIds
{
    public const ushort TerminalGeneralReply = 0x0001;
    public const ushort Heartbeat = 0x0002;
    public const ushort Logout = 0x0003;
    public const ushort Registration = 0x0100;
    public const ushort Authentication = 0x0102;
    public const ushort LocationReport = 0x0200;
    public const ushort LocationBatch = 0x0704;

    public const ushort PlatformGeneralReply = 0x8001;
    public const ushort RegistrationReply = 0x8100;

    /// <summary>Whether a terminal message id is one that <see cref="Jt808Session"/> and the decoders handle.</summary>
    public static bool IsSupported(ushort messageId) => messageId is TerminalGeneralReply or Heartbeat or Logout
        or Registration or Authentication or LocationReport or LocationBatch;

    /// <summary>"0x0200" style, as the decode command prints ids.</summary>
    public static string Format(ushort messageId) => $"0x{messageId:X4}";
}
