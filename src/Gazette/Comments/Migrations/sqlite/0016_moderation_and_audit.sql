-- Comment moderation and the audit trail (SQLite).
-- audit: who did what to what, and when, written in the change's own
-- transaction (UnitOfWork.AuditAsync, in Events). It belongs to no feature;
-- it is created here because moderation is its first writer. user_name is the
-- name as it was then, and there is no foreign key, so the trail outlives the
-- account. Rows name subjects by kind and id and carry no reader's personal
-- data, so erasing a person never rewrites the trail; it is kept on its own
-- terms (no retention job deletes it).
create table audit (
    id integer primary key autoincrement,
    user_id integer null,
    user_name text not null,
    action text not null,
    subject_kind text not null,
    subject_id text not null,
    detail text not null default '',
    at text not null
);
create index audit_subject on audit (subject_kind, subject_id, at);

-- Why the rules held a comment or called it spam: the rule, and the list entry
-- or number it matched (an entry may be the commenter's own email or address,
-- so the privacy tools clear it). Null for comments approved by the rules and
-- for comments from before this script.
alter table comments add column moderation_rule text null;
alter table comments add column moderation_match text null;
-- A comment written by a member of the newsroom (a reply as staff): approved at
-- once and shown with a staff badge.
alter table comments add column user_id integer null references users (id) on delete set null;
