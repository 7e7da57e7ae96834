-- The JT/T 808 terminals the platform accepts, and the tracked object (vehicle) each reports for.

create table jt808_terminals (
    terminal text primary key,          -- the terminal phone number, digits without leading zeros
    object_id text not null,
    plate text,
    operator_id text,
    created_at timestamptz not null default now()
);
