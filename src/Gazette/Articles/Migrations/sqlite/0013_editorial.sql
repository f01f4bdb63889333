-- gazette: rebuilds-table
-- The newsroom's writing desk (SQLite): a pending status (awaiting review, with
-- who submitted it and when), an owner, and a version for optimistic
-- concurrency on articles; revisions, per-user autosaves, edit locks and
-- preview links.
--
-- SQLite cannot alter a CHECK constraint, and rebuilding articles would fire
-- the foreign keys of every table pointing at it (they stay on inside this
-- transaction). Admitting one more status only widens the constraint, so no
-- stored row can break it: the table's definition is edited in place, as
-- SQLite documents for removing a CHECK constraint ("Making Other Kinds Of
-- Table Schema Changes", https://www.sqlite.org/lang_altertable.html), see
-- docs/decisions.md, 43. Columns are added first: ALTER TABLE ADD COLUMN
-- edits the stored text at offsets it parsed earlier, so it must not follow a
-- change of that text on this connection.
alter table articles add column author_id integer null references users (id) on delete set null;
alter table articles add column version integer not null default 1;
alter table articles add column submitted_by integer null references users (id) on delete set null;
alter table articles add column submitted_at text null;

pragma writable_schema = on;
update sqlite_schema
set sql = replace(sql, 'check (status in (''draft'', ''scheduled'', ''published'', ''private'', ''trash''))',
                       'check (status in (''draft'', ''pending'', ''scheduled'', ''published'', ''private'', ''trash''))')
where type = 'table' and name = 'articles';
-- RESET turns schema writing off and makes this connection read the schema again.
pragma writable_schema = reset;

-- The edit must have happened: a definition spelled otherwise fails the migration here, and nothing is applied.
create temp table articles_admit_pending (edited integer not null check (edited = 1));
insert into articles_admit_pending (edited)
select count(*) from sqlite_schema where type = 'table' and name = 'articles' and sql like '%''draft'', ''pending'', ''scheduled''%';
drop table articles_admit_pending;

create index articles_author on articles (author_id);

-- Each CREATE below also moves the schema cookie on, so every other
-- connection reads the edited definition before its next statement.
create table article_revisions (
    article_id integer not null references articles (id) on delete cascade,
    version integer not null,
    title text not null,
    slug text not null,
    summary text not null,
    body_markdown text not null,
    sections text not null,
    tags text not null,
    status text not null,
    published_at text null,
    comment_status text not null,
    saved_by integer null references users (id) on delete set null,
    saved_at text not null,
    primary key (article_id, version)
);

create table article_autosaves (
    id integer primary key autoincrement,
    user_id integer not null references users (id) on delete cascade,
    article_id integer null references articles (id) on delete cascade,
    base_version integer null,
    title text not null,
    slug text not null,
    summary text not null,
    body_markdown text not null,
    sections text not null,
    tags text not null,
    saved_at text not null
);
create unique index article_autosaves_user_article on article_autosaves (user_id, article_id) where article_id is not null;
create unique index article_autosaves_user_new on article_autosaves (user_id) where article_id is null;
create index article_autosaves_article on article_autosaves (article_id);

create table article_locks (
    article_id integer primary key references articles (id) on delete cascade,
    user_id integer not null references users (id) on delete cascade,
    user_name text not null,
    locked_since text not null,
    renewed_at text not null
);
create index article_locks_user on article_locks (user_id);

create table preview_links (
    id integer primary key autoincrement,
    token_hash text not null,
    article_id integer not null references articles (id) on delete cascade,
    created_by integer null references users (id) on delete set null,
    created_at text not null,
    expires_at text not null
);
create unique index preview_links_token on preview_links (token_hash);
create index preview_links_article on preview_links (article_id);
