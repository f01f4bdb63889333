-- replaces 0001_initial.sql
-- Install-wide secrets and ASP.NET Core data-protection keys (SQLite): the first release's tables, split out of its
-- one script into the module that owns them. Immutable once released.
-- Timestamps are fixed-width ISO-8601 UTC text (see UtcTimestampHandler), so
-- text order is time order. Logins, emails and slugs are stored normalized
-- (lower case), so plain equality behaves as on PostgreSQL.

-- Install-wide secrets and ASP.NET Core data-protection keys. On SQLite both
-- live in the data folder instead; the tables exist there too so that the two
-- schemas stay identical.
create table secrets (
    name text primary key,
    value text not null,
    created_at text not null
);

create table data_protection_keys (
    id integer primary key autoincrement,
    friendly_name text not null,
    xml text not null,
    created_at text not null
);
create unique index data_protection_keys_friendly_name on data_protection_keys (friendly_name);
