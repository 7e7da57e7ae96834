-- The company that operates an object (a bike operator, a carrier), for per-operator statistics.

alter table tracked_objects add column operator_id text;

create index tracked_objects_operator_idx on tracked_objects (operator_id) where operator_id is not null;
