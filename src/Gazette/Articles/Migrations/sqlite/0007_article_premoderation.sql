-- replaces 0002_comments.sql
-- Per-article pre-moderation (SQLite); from the first release's second
-- script. Immutable once released.
-- Hold every comment on this article for moderation.
alter table articles add column premoderated integer not null default 0;
