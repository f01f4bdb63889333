-- Corrections and updates in public (decision 139): each notice is kept with who wrote it, and the article
-- carries the time of its latest one as its public "updated" time; a minor edit changes neither.
alter table articles add column revised_at text null;
create table article_notices (
    id integer primary key,
    article_id integer not null references articles (id) on delete cascade,
    kind text not null check (kind in ('update', 'correction')),
    note text not null,
    created_at text not null,
    created_by integer null references users (id) on delete set null
);
create index article_notices_article on article_notices (article_id, created_at);
