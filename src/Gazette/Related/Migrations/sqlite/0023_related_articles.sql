-- Related coverage: up to three public articles per article, in the order
-- shown (position 1 to 3), computed when an article changes (Related module).
-- related_id is indexed to find the articles that show one that went away.
-- related_build holds the backfill's progress (last_id; done = 1 when finished).
create table related_articles (
    article_id integer not null,
    position integer not null,
    related_id integer not null,
    primary key (article_id, position)
);
create index related_articles_related_id on related_articles (related_id);
create table related_build (id integer primary key check (id = 1), last_id integer not null, done integer not null);
insert into related_build (id, last_id, done) values (1, 0, 0);
