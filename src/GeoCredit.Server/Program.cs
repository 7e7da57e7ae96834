using GeoCredit.Server.Hosting;

var app = GeoCreditApplication.Create(args);
await app.RunAsync();
