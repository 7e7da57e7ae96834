using GeoCredit.Server.Auth;
using GeoCredit.Server.GraphQL;
using GeoCredit.Storage.Positions;
using GeoCredit.Storage.Retention;
using GraphQL;
using GraphQL.Types;

namespace GeoCredit.Server.Storage;

public sealed class StorageStatsGraphType : ObjectGraphType<WriterMetricsSnapshot>
{
    public StorageStatsGraphType()
    {
        Name = "StorageStats";
        Description = "What the position writer has done since the server started.";
        Field(m => m.RowsWritten);
        Field(m => m.BatchesWritten);
        Field(m => m.LastBatchSize);
        Field(m => m.MaxBatchSize);
        Field(m => m.LastWriteMilliseconds).Description("Database write latency of the last batch.");
        Field(m => m.MeanWriteMilliseconds);
        Field(m => m.MaxWriteMilliseconds);
        Field(m => m.QueuedPositions).Description("Positions waiting in memory for the writer.");
        Field(m => m.SpoolPendingPositions).Description("Positions waiting on disk for the database.");
        Field(m => m.PositionsSpooled);
        Field(m => m.PositionsReplayed);
        Field(m => m.PositionsDeadLettered);
        Field(m => m.DatabaseAvailable);
    }
}

public sealed class StorageSchemaFields(PositionWriter writer) : ISchemaFields
{
    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<StorageStatsGraphType>>("storageStats")
            .Description("Rows written, batch sizes, spool depth and write latency, for operators.")
            .AuthorizeWithRoles(Roles.Operator, Roles.Admin)
            .Resolve(_ => writer.Metrics);
}

public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddGeoCreditStorageJobs(
        this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(
            configuration.GetSection(RetentionOptions.Section).Get<RetentionOptions>() ?? new RetentionOptions());
        services.AddSingleton<PositionRetention>();
        services.AddHostedService<RetentionService>();
        services.AddSingleton<ISchemaFields, StorageSchemaFields>();
        return services;
    }
}
