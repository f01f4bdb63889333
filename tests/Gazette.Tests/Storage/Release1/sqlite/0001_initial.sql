-- Gazette schema, version 1 (SQLite). Immutable once released: change the
-- schema with a new numbered script in both dialect folders.
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

create table sections (
    id integer primary key autoincrement,
    slug text not null,
    name text not null,
    description text not null default '',
    article_count integer not null default 0
);
create unique index sections_slug on sections (slug);

create table tags (
    id integer primary key autoincrement,
    slug text not null,
    name text not null,
    article_count integer not null default 0
);
create unique index tags_slug on tags (slug);

create table articles (
    id integer primary key autoincrement,
    kind text not null check (kind in ('article', 'page')),
    parent_id integer null references articles (id) on delete set null,
    slug text not null,
    title text not null,
    summary text not null default '',
    body_markdown text not null,
    body_html text not null,
    status text not null check (status in ('draft', 'scheduled', 'published', 'private', 'trash')),
    published_at text null,
    created_at text not null,
    updated_at text not null,
    comment_status text not null default 'open' check (comment_status in ('open', 'closed')),
    comment_count integer not null default 0
);
create unique index articles_kind_slug on articles (kind, slug);
create index articles_listing on articles (kind, status, published_at, id);

create table article_sections (
    article_id integer not null references articles (id) on delete cascade,
    section_id integer not null references sections (id) on delete cascade,
    position integer not null default 0,
    primary key (article_id, section_id)
);
create index article_sections_section on article_sections (section_id, article_id);

create table article_tags (
    article_id integer not null references articles (id) on delete cascade,
    tag_id integer not null references tags (id) on delete cascade,
    primary key (article_id, tag_id)
);
create index article_tags_tag on article_tags (tag_id, article_id);

create table bylines (
    article_id integer not null references articles (id) on delete cascade,
    position integer not null,
    user_id integer null references users (id) on delete set null,
    name text not null,
    primary key (article_id, position)
);
create index bylines_user on bylines (user_id);

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

create table settings (
    key text primary key,
    value text not null,
    updated_at text not null
);

create table redirects (
    id integer primary key autoincrement,
    from_path text not null,
    to_path text not null,
    status_code integer not null default 301 check (status_code in (301, 302, 307, 308, 410)),
    created_at text not null
);
create unique index redirects_from_path on redirects (from_path);

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
