-- Application Passwords, as WordPress has them: a member gives each app or
-- script its own password, which signs in only over HTTP Basic auth to the
-- APIs, never to the newsroom, and is revoked alone. password_hash is the
-- SHA-256 (hex) of the 24 characters without spaces: the password itself is
-- shown once and never stored. uuid names it in forms and links.
create table application_passwords (
    id bigint generated always as identity primary key,
    user_id bigint not null references users (id) on delete cascade,
    uuid text not null,
    name text not null,
    password_hash text not null,
    created_at timestamptz not null,
    last_used_at timestamptz null,
    last_used_ip text null
);
create unique index application_passwords_uuid on application_passwords (uuid);
create index application_passwords_user on application_passwords (user_id);
