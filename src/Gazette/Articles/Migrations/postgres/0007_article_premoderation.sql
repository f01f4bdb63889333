-- replaces 0002_comments.sql
-- Per-article pre-moderation (PostgreSQL); from the first release's second
-- script. Immutable once released.
-- Hold every comment on this article for moderation.
alter table articles add column premoderated boolean not null default false;
