-- A comment's replies by one index lookup (ThreadPageReader reads the threads of
-- one comment page from their top-level comments down), instead of every
-- comment of the article; deleting a comment finds its replies the same way.
create index comments_replies on comments (parent_id);
