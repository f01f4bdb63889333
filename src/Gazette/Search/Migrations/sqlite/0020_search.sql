-- The search index: one row per public article or page, rowid = article id.
-- body is title, summary, body text and tag names; cjk is the CJK shadow of
-- the same text (Han characters and pairs, space-separated; see CjkShadow).
-- search_build holds the initial build's progress (last_id; done = 1 when finished).
create virtual table search_index using fts5(body, cjk, tokenize = 'unicode61 remove_diacritics 2');
create table search_documents (
    article_id integer primary key,
    path text not null,
    title text not null,
    published_at text not null
);
create table search_build (id integer primary key check (id = 1), last_id integer not null, done integer not null);
insert into search_build (id, last_id, done) values (1, 0, 0);
