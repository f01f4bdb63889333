-- replaces 0001_initial.sql
-- Site settings (PostgreSQL): the first release's tables, split out of its
-- one script into the module that owns them. Immutable once released.
-- Timestamps are timestamptz holding UTC. Logins, emails and slugs are stored
-- normalized (lower case), so plain equality behaves as on SQLite.

create table settings (
    key text primary key,
    value text not null,
    updated_at timestamptz not null
);
