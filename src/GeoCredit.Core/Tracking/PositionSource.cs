namespace GeoCredit.Core.Tracking;

/// <summary>The wire a position arrived on.</summary>
public enum PositionSource : short
{
    Http = 0,
    Ais = 1,
    Jt808 = 2,
    Mds = 3,
}
