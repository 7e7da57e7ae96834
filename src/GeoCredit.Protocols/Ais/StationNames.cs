using System.Text;

namespace GeoCredit.Protocols.Ais;

/// <summary>
/// The tag block source stations seen lately, as strings. A feed repeats the same few station names on every
/// line, so keeping them avoids a string per sentence; and since one name is always the same instance, the
/// fragment assembler can compare stations by reference. Not thread-safe.
/// </summary>
internal sealed class StationNames
{
    /// <summary>A receiver or a small aggregator has a handful of stations; past this, names are made again.</summary>
    private const int Capacity = 32;

    private readonly string?[] _names = new string?[Capacity];
    private int _next;

    public string Get(ReadOnlySpan<byte> station)
    {
        foreach (var name in _names)
        {
            if (name is not null && SameText(name, station))
            {
                return name;
            }
        }

        var created = Encoding.ASCII.GetString(station);
        _names[_next] = created;
        _next = (_next + 1) % Capacity;
        return created;
    }

    private static bool SameText(string name, ReadOnlySpan<byte> station)
    {
        if (name.Length != station.Length)
        {
            return false;
        }

        for (var i = 0; i < station.Length; i++)
        {
            if (name[i] != station[i])
            {
                return false;
            }
        }

        return true;
    }
}
