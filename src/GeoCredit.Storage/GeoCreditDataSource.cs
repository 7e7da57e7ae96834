using Npgsql;

namespace GeoCredit.Storage;

/// <summary>Builds the one <see cref="NpgsqlDataSource"/> that every store shares, with PostGIS mapping on.</summary>
public static class GeoCreditDataSource
{
    public static NpgsqlDataSource Create(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseNetTopologySuite();
        return builder.Build();
    }
}
