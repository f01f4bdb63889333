-- A member's articles (author archives and feeds) test each candidate article for a byline naming
-- the member: with an index on user_id alone, SQLite read all of the member's bylines for every
-- candidate (2 s for a member with 10,000 articles); (user_id, article_id) answers each test in one seek.
create index bylines_member_article on bylines (user_id, article_id);
drop index bylines_user;
