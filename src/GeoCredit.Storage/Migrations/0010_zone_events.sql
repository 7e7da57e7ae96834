-- Every zone transition the geofence tracker found: enter, exit, dwell, with where and why. A hypertable, as
-- positions are: the history of who was where, queried by time.

create table zone_events (
    object_id text not null,
    zone_id text not null,
    kind text not null,                 -- enter, exit, dwell
    cause text not null,                -- fix, path, after_gap, zone_removed, reevaluation
    time timestamptz not null,
    point geometry(Point, 4326) not null
);

select create_hypertable('zone_events', by_range('time', interval '7 days'));

create index zone_events_object_idx on zone_events (object_id, time desc);
create index zone_events_zone_idx on zone_events (zone_id, time desc);
