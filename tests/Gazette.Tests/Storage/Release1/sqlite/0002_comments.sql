-- Reader comments (version 2, SQLite).
-- fingerprint: a hash of article, parent, name, email and text. The partial
-- unique index makes two identical comments impossible even when both arrive
-- at the same moment (the second insert fails: 409), while a trashed comment
-- may be written again.
alter table comments add column fingerprint text not null default '';
create unique index comments_fingerprint on comments (fingerprint) where fingerprint <> '' and status <> 'trash';
create index comments_ip on comments (ip, created_at);

-- Hold every comment on this article for moderation.
alter table articles add column premoderated integer not null default 0;

-- One report per reader (an HMAC of their address) per comment.
create table comment_reports (
    comment_id integer not null references comments (id) on delete cascade,
    reporter text not null,
    created_at text not null,
    primary key (comment_id, reporter)
);

-- Output-cache evictions for other processes and nodes: the CLI approving a
-- comment, or another node publishing, tells every server which tags to drop.
create table cache_evictions (
    id integer primary key autoincrement,
    tag text not null,
    origin text not null,
    created_at text not null
);
create index cache_evictions_created on cache_evictions (created_at);
