-- People who sign in to the console, with hashed passwords and their roles.

create table user_accounts (
    username text primary key,
    display_name text not null,
    password_hash text not null,
    roles text[] not null,
    company text,
    team text,
    created_at timestamptz not null default now()
);
