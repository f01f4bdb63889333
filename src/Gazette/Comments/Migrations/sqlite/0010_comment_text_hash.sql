-- WordPress's duplicate rule: the same text on the same article from the same
-- name or the same email. text_hash is SHA-256 of "article_id\nbody_source"
-- (hex), so the check is one index lookup however many comments an article or
-- an author has. Comments written before this script keep '' here (SQLite has
-- no SHA-256 to fill it): they are still found as exact twins by fingerprint.
alter table comments add column text_hash text not null default '';
create index comments_text on comments (article_id, text_hash);
