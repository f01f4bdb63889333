-- Bylines and datelines (decisions 144-147): a byline without an account may be an organization (a wire
-- agency), which structured data names as one; an article may open with a dateline (its place line).
-- Revisions and autosaves keep both with the rest of the form; a revision written before this keeps
-- none (null), and restoring it leaves the article's bylines as they are.
alter table bylines add column organization boolean not null default false;
alter table articles add column dateline text not null default '';
alter table article_revisions add column bylines text null;
alter table article_revisions add column dateline text not null default '';
alter table article_autosaves add column bylines text null;
alter table article_autosaves add column dateline text not null default '';
