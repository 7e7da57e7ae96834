-- Credit grades and links as they were set, in order: replaying them rebuilds every grade's history.

create table grade_assignments (
    id bigserial primary key,
    subject_kind text not null,
    subject_id text not null,
    scheme text not null,
    level text,                         -- null: the grade was cleared
    valid_from timestamptz not null,
    source text not null,
    reason text not null,
    recorded_at timestamptz not null default now()
);

create index grade_assignments_subject_idx on grade_assignments (subject_kind, subject_id, scheme);

create table subject_links (
    id bigserial primary key,
    subject_kind text not null,
    subject_id text not null,
    link_kind text not null,
    target_kind text,                   -- null: the link was ended
    target_id text,
    at timestamptz not null,
    source text not null
);
