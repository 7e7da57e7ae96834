namespace GeoCredit.Protocols.Mds;

/// <summary>
/// One pushed MDS body, read record by record: the records that decoded and the ones that did not, each with its
/// index in the body's array, so that one bad record never costs the good ones beside it. When the body itself is
/// refused (<see cref="BodyRejection"/>), both lists are empty.
/// </summary>
/// <typeparam name="TRecord"><see cref="MdsVehicleEvent"/> or <see cref="MdsTelemetry"/>.</typeparam>
/// <remarks>
/// The shape matches the agency reply (agency README §Vehicles - Telemetry): <see cref="Total"/> is
/// <c>total</c>, <see cref="Records"/>' count is <c>success</c>, <see cref="Rejections"/> are the
/// <c>failures</c>, with a reason each.
/// </remarks>
public sealed record MdsBatch<TRecord>
    where TRecord : class
{
    /// <summary>The decoded records, in body order.</summary>
    public IReadOnlyList<TRecord> Records { get; init; } = [];

    /// <summary>The refused records, in body order.</summary>
    public IReadOnlyList<MdsRecordRejection> Rejections { get; init; } = [];

    /// <summary>How many records the body held; 0 when the body was refused.</summary>
    public int Total { get; init; }

    /// <summary>Why nothing in the body was read, or null when the records were read one by one.</summary>
    public MdsBodyRejection? BodyRejection { get; init; }

    public bool IsBodyRejected => BodyRejection is not null;
}
