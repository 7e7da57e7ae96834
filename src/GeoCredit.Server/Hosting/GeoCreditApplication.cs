using GeoCredit.Server.Auth;
using GeoCredit.Server.Dispatch;
using GeoCredit.Server.Geofencing;
using GeoCredit.Server.GraphQL;
using GeoCredit.Server.Health;
using GeoCredit.Server.Ingest;
using GeoCredit.Server.Ingest.Ais;
using GeoCredit.Server.Ingest.Jt808;
using GeoCredit.Server.Ingest.Mds;
using GeoCredit.Server.Live;
using GeoCredit.Server.Storage;
using GeoCredit.Server.Tracking;
using GeoCredit.Server.Voyages;

namespace GeoCredit.Server.Hosting;

/// <summary>The composition root: which subsystems the server has and in what order requests meet them.</summary>
public static class GeoCreditApplication
{
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddGeoCreditDatabase(builder.Configuration);
        builder.Services.AddGeoCreditStorageJobs(builder.Configuration);
        builder.Services.AddGeoCreditAuth(builder.Configuration);
        builder.Services.AddGeoCreditIngest(builder.Configuration);
        builder.Services.AddGeoCreditJt808(builder.Configuration);
        builder.Services.AddGeoCreditAis(builder.Configuration);
        builder.Services.AddGeoCreditMds(builder.Configuration);
        builder.Services.AddGeoCreditLive(builder.Configuration);
        builder.Services.AddGeoCreditTracking();
        builder.Services.AddGeoCreditDispatch(builder.Configuration);
        builder.Services.AddGeoCreditGeofencing(builder.Configuration);
        builder.Services.AddGeoCreditVoyagePlans();
        builder.Services.AddGeoCreditGraphQL(builder.Configuration);

        var app = builder.Build();

        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealth();
        app.MapAuth();
        app.MapIngest();
        app.MapMds();
        app.MapFieldPosition();
        app.MapLive();
        app.MapGeoCreditGraphQL();

        return app;
    }
}
