-- A section's listing reads its own stories newest first (decision 180): the story's date is copied
-- here, kept by ArticleTerms.FileAsync (filing) and ArticleEditor (saving), so a section's block on the
-- home page and its archive walk this index and nothing else. Before, each walked every public story
-- newest first and tested it for the section, about ten stories a card with ten sections, on pages
-- spread over the whole file of a large site.
alter table article_sections add column published_at text null;
update article_sections set published_at = (select a.published_at from articles a where a.id = article_sections.article_id);
create index article_sections_listing on article_sections (section_id, published_at, article_id);
