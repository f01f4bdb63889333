-- The duplicate rule (the same text on the same article from the same name or
-- the same email) looks comments up by name as well as by email; without this
-- index each new comment read every comment of its article.
create index comments_author_name on comments (author_name);
