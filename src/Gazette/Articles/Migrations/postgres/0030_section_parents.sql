-- Sections nest, as WordPress's categories do (News > Local): a section may sit under another.
-- Removing a parent leaves its children at the top; the newsroom never removes a section in use (decision 133).
alter table sections add column parent_id bigint null references sections (id) on delete set null;
create index sections_parent on sections (parent_id);
