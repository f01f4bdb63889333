-- The search index: one row per public article or page. document is the
-- 'simple' tsvector of title, summary, body text and tag names, joined with
-- the CJK shadow's tokens as lexemes (array_to_tsvector: no parser, so Han
-- tokens do not depend on the database's locale). body is kept for ts_headline.
create table search_documents (
    article_id bigint primary key,
    path text not null,
    title text not null,
    published_at timestamptz not null,
    body text not null,
    document tsvector not null
);
create index search_documents_document on search_documents using gin (document);
create table search_build (id integer primary key check (id = 1), last_id bigint not null, done boolean not null);
insert into search_build (id, last_id, done) values (1, 0, false);
