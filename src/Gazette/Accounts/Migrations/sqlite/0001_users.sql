-- replaces 0001_initial.sql
-- Newsroom accounts (SQLite): the first release's tables, split out of its
-- one script into the module that owns them. Immutable once released.
-- Timestamps are fixed-width ISO-8601 UTC text (see UtcTimestampHandler), so
-- text order is time order. Logins, emails and slugs are stored normalized
-- (lower case), so plain equality behaves as on PostgreSQL.

create table users (
    id integer primary key autoincrement,
    login text not null,
    display_name text not null,
    slug text not null,
    email text not null,
    password_hash text not null,
    role text not null check (role in ('administrator', 'editor', 'author')),
    failed_logins integer not null default 0,
    locked_until text null,
    created_at text not null
);
create unique index users_login on users (login);
create unique index users_email on users (email);
create unique index users_slug on users (slug);
