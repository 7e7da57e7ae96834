using GeoCredit.Core.Tracking;
using GeoCredit.Server.Ingest.Ais;
using GeoCredit.Storage.Positions;
using GeoCredit.Storage.Vessels;
using GraphQL.Types;

namespace GeoCredit.Server.Tracking;

public sealed class ObjectKindGraphType : EnumerationGraphType<ObjectKind>
{
    public ObjectKindGraphType()
    {
        Name = "ObjectKind";
        Description = "What a tracked object is.";
    }
}

public sealed class PositionSourceGraphType : EnumerationGraphType<PositionSource>
{
    public PositionSourceGraphType()
    {
        Name = "PositionSource";
        Description = "The wire a position arrived on.";

        // The default would split the digits off ("JT_808"); operators know the protocol as JT808.
        Values.FindByValue(PositionSource.Jt808)!.Name = "JT808";
    }
}

public sealed class TrackPointGraphType : ObjectGraphType<TrackPoint>
{
    public TrackPointGraphType()
    {
        Name = "TrackPoint";
        Description = "One stored fix, WGS 84.";
        Field(p => p.FixTime).Description("When the device took the fix.");
        Field(p => p.ReceivedAt).Description("When the server received it.");
        Field("lon", p => p.Longitude).Description("Degrees east.");
        Field("lat", p => p.Latitude).Description("Degrees north.");
        Field(p => p.SpeedKmh, nullable: true).Description("Speed over ground, km/h.");
        Field(p => p.Course, nullable: true).Description("Course over ground, degrees from true north.");
        Field(p => p.Heading, nullable: true).Description("True heading, degrees.");
        Field<NonNullGraphType<PositionSourceGraphType>>("source").Resolve(ctx => ctx.Source.Source);
    }
}

public sealed class TrackedObjectGraphType : ObjectGraphType<TrackedObjectRow>
{
    public TrackedObjectGraphType()
    {
        Name = "TrackedObject";
        Description = "A bike, truck, vessel or yacht, with its last known position.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<ObjectKindGraphType>>("kind").Resolve(ctx => ctx.Source.Kind);
        Field(o => o.FirstSeen).Description("When the server first heard of it.");
        Field<VesselGraphType>("vessel")
            .Description("For vessels and yachts: what their AIS static messages said.")
            .Resolve(ctx => ctx.RequestServices!.GetRequiredService<VesselRegistry>().TryGet(ctx.Source.Id, out var v)
                ? v
                : null);
        Field<TrackPointGraphType>("lastPosition")
            .Description("The newest fix by device time; a late, older fix never replaces it.")
            .Resolve(ctx => ctx.Source.LastPosition);
    }
}

public sealed class VesselGraphType : ObjectGraphType<VesselStatic>
{
    public VesselGraphType()
    {
        Name = "Vessel";
        Description = "A vessel's identity and dimensions from its AIS static messages (types 5, 19, 24).";
        Field(v => v.Mmsi);
        Field(v => v.Name, nullable: true);
        Field(v => v.CallSign, nullable: true);
        Field(v => v.Imo, nullable: true);
        Field(v => v.ShipType, nullable: true).Description("AIS type of ship and cargo, 1 to 99.");
        Field(v => v.Length, nullable: true).Description("Length overall, m.");
        Field(v => v.Beam, nullable: true).Description("Beam, m.");
        Field(v => v.Draught, nullable: true).Description("Present static draught, m.");
        Field(v => v.Destination, nullable: true);
        Field(v => v.UpdatedAt);
    }
}

public sealed class ScenePositionGraphType : ObjectGraphType<ScenePosition>
{
    public ScenePositionGraphType()
    {
        Name = "ScenePosition";
        Field<NonNullGraphType<IdGraphType>>("objectId").Resolve(ctx => ctx.Source.ObjectId);
        Field<NonNullGraphType<ObjectKindGraphType>>("kind").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<TrackPointGraphType>>("position").Resolve(ctx => ctx.Source.Position);
    }
}

public sealed class HourlyCountGraphType : ObjectGraphType<HourlyCount>
{
    public HourlyCountGraphType()
    {
        Name = "HourlyCount";
        Field(c => c.Hour);
        Field(c => c.Key).Description("The object id, or the operator id when counted by operator.");
        Field(c => c.Reports);
    }
}

public sealed class ConnectedShareGraphType : ObjectGraphType<ConnectedShare>
{
    public ConnectedShareGraphType()
    {
        Name = "ConnectedShare";
        Field(c => c.OperatorId);
        Field(c => c.Objects).Description("Objects of the operator.");
        Field(c => c.Reporting).Description("Of those, how many reported in the window.");
        Field(c => c.Share).Description("Reporting / objects, 0 to 1.");
    }
}
