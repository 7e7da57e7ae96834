-- Alerts, work orders (with their history), credit deductions from overdue orders, and appeals. Each row keeps
-- the domain record as JSON beside the columns that queries filter on.

create table alerts (
    id text primary key,
    object_id text not null,
    rule_id text not null,
    zone_id text,
    severity text not null,
    state text not null,
    raised_at timestamptz not null,
    record jsonb not null
);

create index alerts_state_idx on alerts (state, raised_at desc);

create table work_orders (
    id text primary key,
    state text not null,
    team text,
    company text,
    assignee text,
    created_at timestamptz not null,
    record jsonb not null
);

create index work_orders_created_idx on work_orders (created_at desc, id);
create index work_orders_open_idx on work_orders (state) where state not in ('Verified', 'Cancelled');

create table credit_deductions (
    id text primary key,
    company text not null,
    order_id text not null,
    points integer not null,
    at timestamptz not null,
    appeal_deadline timestamptz not null,
    cancelled_at timestamptz,
    record jsonb not null
);

create index credit_deductions_company_idx on credit_deductions (company, at);

-- One appeal per deduction.
create table appeals (
    id text primary key,
    deduction_id text not null unique references credit_deductions (id),
    state text not null,
    record jsonb not null
);
