-- A zone change may also remove zones: their ids, with no document.

alter table zone_changes alter column geojson drop not null;
alter table zone_changes add column removed_ids text[];
