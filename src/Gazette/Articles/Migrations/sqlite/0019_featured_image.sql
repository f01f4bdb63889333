-- An article's featured image (SQLite): a media row, emptied if the image is deleted.
alter table articles add column featured_media_id integer null references media (id) on delete set null;
