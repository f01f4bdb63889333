-- Tags get a description, as sections have: shown on the tag's archive and in its meta description.
alter table tags add column description text not null default '';
