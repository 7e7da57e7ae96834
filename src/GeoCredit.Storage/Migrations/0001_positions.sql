-- The extensions, tracked objects with their last known fix, and the positions hypertable.

create extension if not exists timescaledb;
create extension if not exists postgis;

create table tracked_objects (
    id text primary key,
    kind text not null,
    first_seen timestamptz not null,
    last_fix_time timestamptz,
    last_received_at timestamptz,
    last_point geometry(Point, 4326),
    last_speed_kmh real,
    last_course real,
    last_heading real,
    last_source smallint
);

create index tracked_objects_kind_idx on tracked_objects (kind, id);

-- One row per fix. The primary key makes a fix unique per object and time (an object has one kind; the key
-- carries it because a hypertable's unique keys must hold every partitioning column), so that a batch replayed
-- after a fault is loaded with "on conflict do nothing" and never stored twice; it also serves "one object
-- over a time range".
create table positions (
    object_id text not null,
    fix_time timestamptz not null,
    kind smallint not null,                 -- GeoCredit.Core.Tracking.ObjectKind
    received_at timestamptz not null,
    point geometry(Point, 4326) not null,
    speed_kmh real,
    course real,
    heading real,
    accuracy_m real,
    source smallint not null,
    primary key (object_id, fix_time, kind)
);

-- One-day chunks: at the Beijing scale (863,200 bikes, a fix every 30 s while moving, far less while parked)
-- a day is tens of millions of rows, a chunk whose indexes stay in memory while it is written, and the unit
-- that retention drops.
select create_hypertable('positions', by_range('fix_time', interval '1 day'));

-- A second dimension of width 1 on the kind puts each kind's positions in chunks of their own, so that a
-- retention period per kind (bikes kept less long than hazardous-goods trucks) still drops whole chunks.
select add_dimension('positions', by_range('kind', 1));

-- "Everything in an area at a time": chunks are pruned by time first, then this index finds the area.
create index positions_point_idx on positions using gist (point);
