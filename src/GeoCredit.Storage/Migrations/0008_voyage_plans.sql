-- Yachts' voyage plans (the Huangpu case: no departure without an approved plan).

create table voyage_plans (
    id text primary key,
    yacht_id text not null,
    departure timestamptz not null,
    arrival timestamptz not null,
    state text not null,
    record jsonb not null
);

create index voyage_plans_yacht_idx on voyage_plans (yacht_id, departure);
