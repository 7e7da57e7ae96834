using System.Text;

namespace GeoCredit.Simulator.Feeds;

/// <summary>
/// Writes simulated vessels' positions as real <c>!AIVDM</c> sentences: message type 1 (class A position report,
/// ITU-R M.1371-5, Annex 8, 3.1), six-bit armoured with the NMEA 0183 checksum, as a shore receiver would pass
/// them on.
/// </summary>
public static class AisSentenceEncoder
{
    /// <summary>One type 1 sentence for a vessel at a position; speed in knots, course in degrees.</summary>
    public static string PositionReport(int mmsi, double lon, double lat, double speedKnots, double course, int second)
    {
        var bits = new BitWriter(168);
        bits.Write(1, 6);                                               // message type
        bits.Write(0, 2);                                               // repeat indicator
        bits.Write(mmsi, 30);
        bits.Write(speedKnots > 0.2 ? 0 : 5, 4);                        // navigation status: under way / moored
        bits.Write(-128, 8);                                            // rate of turn: not available
        bits.Write((int)Math.Round(Math.Min(speedKnots, 102.2) * 10), 10);
        bits.Write(1, 1);                                               // position accuracy: high
        bits.Write((int)Math.Round(lon * 600_000), 28);                 // 1/10,000 minute
        bits.Write((int)Math.Round(lat * 600_000), 27);
        bits.Write((int)Math.Round(course * 10) % 3600, 12);
        bits.Write(511, 9);                                             // true heading: not available
        bits.Write(second % 60, 6);
        bits.Write(0, 2);                                               // manoeuvre indicator
        bits.Write(0, 3);                                               // spare
        bits.Write(0, 1);                                               // RAIM
        bits.Write(0, 19);                                              // radio status

        var body = $"AIVDM,1,1,,A,{bits.Armour()},0";
        var checksum = 0;
        foreach (var c in body)
        {
            checksum ^= c;
        }

        return $"!{body}*{checksum:X2}";
    }

    private sealed class BitWriter(int length)
    {
        private readonly bool[] _bits = new bool[length];
        private int _position;

        /// <summary>Writes the low <paramref name="width"/> bits of a value, most significant first (two's
        /// complement for negative values, as the standard's signed fields are).</summary>
        public void Write(long value, int width)
        {
            for (var i = width - 1; i >= 0; i--)
            {
                _bits[_position++] = ((value >> i) & 1) != 0;
            }
        }

        /// <summary>Six bits a character: 0-39 as '0'-'W', 40-63 as '`'-'w' (IEC 61162-1 armouring).</summary>
        public string Armour()
        {
            var text = new StringBuilder(_bits.Length / 6);
            for (var i = 0; i < _bits.Length; i += 6)
            {
                var value = 0;
                for (var j = 0; j < 6; j++)
                {
                    value = (value << 1) | (_bits[i + j] ? 1 : 0);
                }

                text.Append((char)(value < 40 ? value + 48 : value + 56));
            }

            return text.ToString();
        }
    }
}
