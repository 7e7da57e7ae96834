using GeoCredit.Core.Credit;
using GeoCredit.Core.Geofencing;
using GeoCredit.Server.Credit;
using GeoCredit.Server.GraphQL;
using GeoCredit.Storage.Credit;

namespace GeoCredit.Server.Geofencing;

public static class GeofencingServiceCollectionExtensions
{
    /// <summary>Zones, the geofence engine and tracker, the credit registry and the rules.</summary>
    public static IServiceCollection AddGeoCreditGeofencing(
        this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(ZonesOptions.Section).Get<ZonesOptions>() ?? new ZonesOptions());
        services.AddSingleton<GeofenceEngine>();
        services.AddSingleton(sp => new GeofenceTracker(sp.GetRequiredService<GeofenceEngine>()));
        services.AddSingleton(sp => new CreditRegistry(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<CreditStore>();
        services.AddSingleton<CreditService>();
        services.AddSingleton<GeoCredit.Server.Hosting.IDatabaseSeed>(sp => sp.GetRequiredService<CreditService>());
        services.AddSingleton<GeofencingService>();
        services.AddHostedService(sp => sp.GetRequiredService<GeofencingService>());
        services.AddSingleton<ISchemaFields, CreditSchemaFields>();
        services.AddSingleton<ISchemaFields, ZoneSchemaFields>();
        services.AddSingleton<ZoneChangeStore>();
        services.AddSingleton<ZoneEventStore>();
        services.AddSingleton<GeoCredit.Server.Hosting.IDatabaseSeed, ZoneSchemaFields.Seed>();
        return services;
    }
}
