-- A comment's replies by one index lookup (ThreadPageReader reads the threads of
-- one comment page from their top-level comments down), instead of every
-- comment of the article; deleting a comment finds its replies the same way.
-- article_id and status are in it so that SQLite, which has no statistics,
-- prefers it to comments_thread (article_id, status, ...) for "the approved
-- replies of these comments on this article".
create index comments_replies on comments (parent_id, article_id, status);
