-- WordPress's duplicate rule: the same text on the same article from the same
-- name or the same email. text_hash is SHA-256 of "article_id\nbody_source"
-- (hex), so the check is one index lookup however many comments an article or
-- an author has; existing comments get theirs here.
alter table comments add column text_hash text not null default '';
update comments set text_hash = encode(sha256(convert_to(article_id::text || E'\n' || body_source, 'UTF8')), 'hex');
create index comments_text on comments (article_id, text_hash);
