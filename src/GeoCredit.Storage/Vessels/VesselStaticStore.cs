using Npgsql;

namespace GeoCredit.Storage.Vessels;

/// <summary>A vessel's identity and dimensions as its AIS static messages gave them; null where never sent.</summary>
public sealed record VesselStatic(
    string Mmsi,
    string? Name,
    string? CallSign,
    int? Imo,
    int? ShipType,
    int? ToBow,
    int? ToStern,
    int? ToPort,
    int? ToStarboard,
    double? Draught,
    string? Destination,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Length overall in metres, from the antenna's distances to bow and stern.</summary>
    public int? Length => ToBow + ToStern;

    /// <summary>Beam in metres, from the antenna's distances to port and starboard.</summary>
    public int? Beam => ToPort + ToStarboard;

    /// <summary>
    /// Takes what <paramref name="update"/> says and keeps what it does not (type 24 comes in two parts).
    /// </summary>
    public VesselStatic Merge(VesselStatic update) => new(
        Mmsi,
        update.Name ?? Name,
        update.CallSign ?? CallSign,
        update.Imo ?? Imo,
        update.ShipType ?? ShipType,
        update.ToBow ?? ToBow,
        update.ToStern ?? ToStern,
        update.ToPort ?? ToPort,
        update.ToStarboard ?? ToStarboard,
        update.Draught ?? Draught,
        update.Destination ?? Destination,
        update.UpdatedAt > UpdatedAt ? update.UpdatedAt : UpdatedAt);
}

/// <summary>Reads and writes vessels' static data. Thread-safe.</summary>
public sealed class VesselStaticStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<VesselStatic>> AllAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            select mmsi, name, call_sign, imo, ship_type, to_bow, to_stern, to_port, to_starboard, draught, destination,
                updated_at
            from vessel_static
            """);
        var vessels = new List<VesselStatic>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            vessels.Add(new VesselStatic(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetInt32(5),
                reader.IsDBNull(6) ? null : reader.GetInt32(6),
                reader.IsDBNull(7) ? null : reader.GetInt32(7),
                reader.IsDBNull(8) ? null : reader.GetInt32(8),
                reader.IsDBNull(9) ? null : (double)(decimal)reader.GetFloat(9),
                reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.GetFieldValue<DateTimeOffset>(11)));
        }

        return vessels;
    }

    public async Task UpsertAsync(VesselStatic vessel, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            insert into vessel_static (mmsi, name, call_sign, imo, ship_type, to_bow, to_stern, to_port, to_starboard,
                draught, destination, updated_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            on conflict (mmsi) do update set name = excluded.name, call_sign = excluded.call_sign, imo = excluded.imo,
                ship_type = excluded.ship_type, to_bow = excluded.to_bow, to_stern = excluded.to_stern,
                to_port = excluded.to_port, to_starboard = excluded.to_starboard, draught = excluded.draught,
                destination = excluded.destination, updated_at = excluded.updated_at
            """);
        object Db(object? value) => value ?? DBNull.Value;
        command.Parameters.Add(new() { Value = vessel.Mmsi });
        command.Parameters.Add(new() { Value = Db(vessel.Name) });
        command.Parameters.Add(new() { Value = Db(vessel.CallSign) });
        command.Parameters.Add(new() { Value = Db(vessel.Imo), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        command.Parameters.Add(new() { Value = Db(vessel.ShipType), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        command.Parameters.Add(new() { Value = Db(vessel.ToBow), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        command.Parameters.Add(new() { Value = Db(vessel.ToStern), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        command.Parameters.Add(new() { Value = Db(vessel.ToPort), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        command.Parameters.Add(
            new() { Value = Db(vessel.ToStarboard), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        command.Parameters.Add(
            new() { Value = Db(vessel.Draught is { } d ? (float)d : null),
                NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Real });
        command.Parameters.Add(new() { Value = Db(vessel.Destination) });
        command.Parameters.Add(new() { Value = vessel.UpdatedAt });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
