-- What an import brought in (Import module): for each thing of the old site
-- (kind: user, post, page, comment, category, tag, old_slug; source_id: its
-- WordPress id or slug), the Gazette id it became, or the Gazette slug for a
-- term. A second import of the same file finds its things here and adds none;
-- the old-link redirects read it to answer WordPress's URLs.
create table import_map (
    kind text not null,
    source_id text not null,
    target_id integer,
    target_key text not null default '',
    imported_at text not null,
    primary key (kind, source_id)
);
