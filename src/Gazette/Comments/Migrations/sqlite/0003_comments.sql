-- replaces 0001_initial.sql
-- Reader comments (SQLite): the first release's tables, split out of its
-- one script into the module that owns them. Immutable once released.
-- Timestamps are fixed-width ISO-8601 UTC text (see UtcTimestampHandler), so
-- text order is time order. Logins, emails and slugs are stored normalized
-- (lower case), so plain equality behaves as on PostgreSQL.

create table comments (
    id integer primary key autoincrement,
    article_id integer not null references articles (id) on delete cascade,
    parent_id integer null references comments (id) on delete cascade,
    author_name text not null,
    author_email text not null,
    author_url text not null default '',
    body_source text not null,
    body_html text not null,
    status text not null check (status in ('pending', 'approved', 'spam', 'trash')),
    created_at text not null,
    ip text null,
    user_agent text null,
    report_count integer not null default 0
);
create index comments_thread on comments (article_id, status, created_at, id);
create index comments_queue on comments (status, created_at, id);
create index comments_author on comments (author_email, status);
