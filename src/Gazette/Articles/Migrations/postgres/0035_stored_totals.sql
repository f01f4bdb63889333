-- The site's totals, kept in the transaction that changes them (decision 165), so a pager or an
-- API total reads a row instead of counting a table that grows with the site.
-- Published articles and pages by kind, moved by ArticleTerms.CountAsync with the sections' counts.
create table article_totals (
    kind text primary key,
    published bigint not null default 0
);
insert into article_totals (kind, published) values ('article', 0), ('page', 0);
update article_totals set published = (select count(*) from articles a where a.kind = article_totals.kind and a.status = 'published');

-- Approved comments on every article, the sum of articles.comment_count, kept by CommentCountKeeper
-- in one row per writing session (stripe: PostgreSQL's backend pid, 0 on SQLite), so concurrent comment
-- commits never wait on one another's row; the total is the sum of the rows.
create table comment_totals (
    stripe bigint primary key,
    approved bigint not null default 0
);
insert into comment_totals (stripe, approved) select 0, coalesce(sum(comment_count), 0) from articles;
