-- Zones changed through GraphQL, as the GeoJSON documents that changed them, in order: replayed at start over
-- the zone files, they give every server the same zones, and they are the zones' change history.

create table zone_changes (
    id bigserial primary key,
    geojson text not null,
    changed_by text not null,
    changed_at timestamptz not null default now()
);
