-- Live coverage (decision 148): an article becomes a live blog when an editor starts its coverage and stays
-- one after it ends; its entries are rendered and sanitized at save time, like an article's body.
create table live_blogs (
    article_id integer primary key references articles (id) on delete cascade,
    started_at text not null,
    ended_at text null
);
create table live_entries (
    id integer primary key,
    article_id integer not null references live_blogs (article_id) on delete cascade,
    headline text not null,
    body_markdown text not null,
    body_html text not null,
    key_event integer not null default 0,
    posted_at text not null,
    updated_at text not null,
    author_id integer null references users (id) on delete set null,
    author_name text not null
);
create index live_entries_article on live_entries (article_id, posted_at);
