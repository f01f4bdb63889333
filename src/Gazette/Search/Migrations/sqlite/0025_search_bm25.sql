-- Nothing to change on SQLite: FTS5 computes bm25 itself. PostgreSQL's 0025
-- stores what its bm25 needs (decision 94); both dialects carry every number.
select 1;
