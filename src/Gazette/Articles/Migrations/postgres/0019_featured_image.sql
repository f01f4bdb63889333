-- An article's featured image (PostgreSQL): a media row, emptied if the image is deleted.
alter table articles add column featured_media_id bigint null references media (id) on delete set null;
