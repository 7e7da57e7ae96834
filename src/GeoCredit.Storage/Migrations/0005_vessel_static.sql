-- What AIS static messages (types 5, 19, 21, 24) say of a vessel: identity, dimensions, voyage.

create table vessel_static (
    mmsi text primary key,
    name text,
    call_sign text,
    imo integer,
    ship_type integer,
    to_bow integer,
    to_stern integer,
    to_port integer,
    to_starboard integer,
    draught real,
    destination text,
    updated_at timestamptz not null
);
