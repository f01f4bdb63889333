-- replaces 0002_comments.sql
-- Duplicate detection, flood control and reader reports (PostgreSQL); from the
-- first release's second script. Immutable once released.
-- fingerprint: a hash of article, parent, name, email and text. The partial
-- unique index makes two identical comments impossible even when both arrive
-- at the same moment (the second insert fails: 409), while a trashed comment
-- may be written again.
alter table comments add column fingerprint text not null default '';
create unique index comments_fingerprint on comments (fingerprint) where fingerprint <> '' and status <> 'trash';
create index comments_ip on comments (ip, created_at);

-- One report per reader (an HMAC of their address) per comment.
create table comment_reports (
    comment_id bigint not null references comments (id) on delete cascade,
    reporter text not null,
    created_at timestamptz not null,
    primary key (comment_id, reporter)
);
