-- replaces 0001_initial.sql
-- Site settings (SQLite): the first release's tables, split out of its
-- one script into the module that owns them. Immutable once released.
-- Timestamps are fixed-width ISO-8601 UTC text (see UtcTimestampHandler), so
-- text order is time order. Logins, emails and slugs are stored normalized
-- (lower case), so plain equality behaves as on PostgreSQL.

create table settings (
    key text primary key,
    value text not null,
    updated_at text not null
);
