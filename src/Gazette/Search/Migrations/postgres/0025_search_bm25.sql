-- bm25 on PostgreSQL too (decision 94): each document's length in tokens as
-- FTS5 counts it (tokens), and the index's totals (search_build.documents,
-- .tokens) that bm25's average length and term rarity need. The CJK shadow
-- now keeps positions, so a pair's count in the text is known. The index is
-- emptied here and built again from the public articles by the next start.
alter table search_documents add column tokens integer not null default 0;
alter table search_build add column documents bigint not null default 0;
alter table search_build add column tokens bigint not null default 0;
delete from search_documents;
update search_build set last_id = 0, done = false, documents = 0, tokens = 0 where id = 1;
