-- replaces 0001_initial.sql
-- Articles and pages, their sections, tags and bylines; redirects (SQLite): the first release's tables, split out of its
-- one script into the module that owns them. Immutable once released.
-- Timestamps are fixed-width ISO-8601 UTC text (see UtcTimestampHandler), so
-- text order is time order. Logins, emails and slugs are stored normalized
-- (lower case), so plain equality behaves as on PostgreSQL.

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

create table redirects (
    id integer primary key autoincrement,
    from_path text not null,
    to_path text not null,
    status_code integer not null default 301 check (status_code in (301, 302, 307, 308, 410)),
    created_at text not null
);
create unique index redirects_from_path on redirects (from_path);
