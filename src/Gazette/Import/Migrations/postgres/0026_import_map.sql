-- What an import brought in (Import module): for each thing of the old site
-- (kind: user, post, page, comment, attachment, category, tag; source_id:
-- its WordPress id, or login or slug), the Gazette id it became (a media id
-- for an attachment) and a key: the Gazette slug of a term, the login of a
-- user, the WordPress slug of a post, the uploads path of an attachment.
-- A second import of the same file finds its things here and adds none; the
-- old-link redirects can read it to answer WordPress's URLs.
create table import_map (
    kind text not null,
    source_id text not null,
    target_id bigint,
    target_key text not null default '',
    imported_at timestamptz not null,
    primary key (kind, source_id)
);
